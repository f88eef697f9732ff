package com.connectsoft.factory.build.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line reason of a failed npm build names its step and what the output says (fast: no npm runs). */
class NpmBuildReasonsTest {
    @TempDir
    Path dir;

    @Test
    void aPackageMissingFromTheCacheIsSaidToBe() {
        assertEquals("npm ci failed: a dependency is not in the prepared npm cache (offline build): npm error request to "
                        + "https://registry.npmjs.org/x/-/x-1.0.0.tgz failed: cache mode is 'only-if-cached'",
                NpmBuildRunner.reason(List.of("== npm ci", "npm error code ENOTCACHED",
                        "npm error request to https://registry.npmjs.org/x/-/x-1.0.0.tgz failed: cache mode is 'only-if-cached'"),
                        SurefireReports.Summary.NONE, 1));
    }

    @Test
    void aTypeErrorIsTheBuildsReason() {
        assertEquals("npm run build failed: src/App.tsx(3,7): error TS2322: Type 'number' is not assignable to type 'string'.",
                NpmBuildRunner.reason(List.of("== npm ci", "added 162 packages", "== npm run build", "> tsc --noEmit && vite build",
                        "src/App.tsx(3,7): error TS2322: Type 'number' is not assignable to type 'string'."), SurefireReports.Summary.NONE, 2));
    }

    @Test
    void viteSaysWhatFailedOnTheLineAfterItsHeading() {
        assertEquals("npm run build failed: error during build: [vite:esbuild] Transform failed with 1 error:",
                NpmBuildRunner.reason(List.of("== npm ci", "== npm run build", "> tsc --noEmit && vite build", "vite v7.3.8 building",
                        "error during build:", "[vite:esbuild] Transform failed with 1 error:", "src/x.ts:1:0: ERROR: Unexpected"),
                        SurefireReports.Summary.NONE, 1));
    }

    @Test
    void aCrashWithACapitalisedErrorOrNoneIsStillSaidInWords() {
        assertEquals("npm run build failed: RangeError: WebAssembly.Memory(): could not allocate memory",
                NpmBuildRunner.reason(List.of("== npm run build", "transforming...", "RangeError: WebAssembly.Memory(): could not allocate memory",
                        "    at file:///build/node_modules/x.js:1:1"), SurefireReports.Summary.NONE, 1));
        assertEquals("npm run build failed: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
                NpmBuildRunner.reason(List.of("== npm run build", "<--- Last few GCs --->", "",
                        "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"), SurefireReports.Summary.NONE, 134));
        assertEquals("npm run build failed: rendering chunks...",
                NpmBuildRunner.reason(List.of("== npm run build", "transforming...", "rendering chunks...", ""), SurefireReports.Summary.NONE, 1),
                "no line names an error: the last one printed says how far it got");
        assertEquals("npm run build failed: exit 1", NpmBuildRunner.reason(List.of("== npm run build"), SurefireReports.Summary.NONE, 1));
    }

    @Test
    void failedTestsAreCountedAndNamedFromVitestsJunitReport() throws Exception {
        Files.writeString(dir.resolve("TEST-vitest.xml"), """
                <?xml version="1.0" encoding="UTF-8" ?>
                <testsuites name="vitest tests" tests="3" failures="1" errors="0" time="1.5">
                  <testsuite name="src/entities/Product.test.tsx" tests="2" failures="1" errors="0" skipped="0">
                    <testcase classname="src/entities/Product.test.tsx" name="Product pages &gt; refuses to send when Name is longer than 80">
                      <failure message="expected element to have description /at most/" type="AssertionError"/>
                    </testcase>
                    <testcase classname="src/entities/Product.test.tsx" name="Product pages &gt; lists"/>
                  </testsuite>
                  <testsuite name="src/api/client.test.ts" tests="1" failures="0" errors="0" skipped="0">
                    <testcase classname="src/api/client.test.ts" name="API client &gt; reads a problem"/>
                  </testsuite>
                </testsuites>
                """);
        SurefireReports.Summary tests = SurefireReports.read(dir);
        assertEquals(3, tests.tests());
        assertEquals(1, tests.failures());
        assertEquals("1 of 3 tests failed: Product.test.tsx: Product pages > refuses to send when Name is longer than 80 "
                        + "(expected element to have description /at most/)",
                NpmBuildRunner.reason(List.of("== npm ci", "== npm run build", "== npm test", " FAIL  src/entities/Product.test.tsx"), tests, 1));
    }
}
