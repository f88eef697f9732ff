package com.connectsoft.factory.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.run.TestFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every runtime library under {@code libraries/} builds with the factory's own versions: each property of its standalone
 * pom equals the root pom's property of the same name (as generated poms do), its coordinates are those its
 * {@code library.yaml} declares, and every version in it is a property, not a literal.
 */
class LibraryVersionsTest {
    private static Map<String, String> properties(Element project) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("properties")) {
                NodeList props = e.getChildNodes();
                for (int j = 0; j < props.getLength(); j++) {
                    if (props.item(j) instanceof Element p) {
                        out.put(p.getTagName(), p.getTextContent().trim());
                    }
                }
            }
        }
        return out;
    }

    private static Element pom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static String child(Element e, String name) {
        NodeList n = e.getChildNodes();
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i) instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<Path> libraries() throws IOException {
        try (Stream<Path> s = Files.list(TestFactory.ROOT.resolve("libraries"))) {
            return s.filter(d -> Files.isRegularFile(d.resolve("library.yaml"))).sorted().toList();
        }
    }

    @Test
    void everyLibraryPinsTheRootPomsVersionsAndItsDeclaredCoordinates() throws Exception {
        Map<String, String> root = properties(pom(TestFactory.ROOT.resolve("pom.xml")));
        List<Path> libraries = libraries();
        assertFalse(libraries.isEmpty(), "no library under libraries/");
        List<String> problems = new ArrayList<>();
        for (Path dir : libraries) {
            Element project = pom(dir.resolve("pom.xml"));
            assertEquals(null, child(project, "parent"), dir + ": a library pom is standalone (generated modules resolve it offline)");
            Map<String, String> own = properties(project);
            own.forEach((name, value) -> {
                if (name.startsWith("project.")) {
                    return;
                }
                if (!value.equals(root.get(name))) {
                    problems.add(dir.getFileName() + ": " + name + " is " + value + " but the root pom says " + root.get(name));
                }
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> yaml = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(Files.readString(dir.resolve("library.yaml")));
            @SuppressWarnings("unchecked")
            Map<String, Object> maven = (Map<String, Object>) yaml.get("maven");
            assertEquals(maven.get("groupId"), child(project, "groupId"), dir.toString());
            assertEquals(maven.get("artifactId"), child(project, "artifactId"), dir.toString());
            assertEquals(String.valueOf(yaml.get("version")), child(project, "version"), dir.toString());
            assertTrue(dir.getFileName().toString().endsWith("-" + yaml.get("version")), dir + ": the folder names the version");
            NodeList versions = project.getElementsByTagName("version");
            for (int i = 0; i < versions.getLength(); i++) {
                Node v = versions.item(i);
                if (v.getParentNode() != project && !v.getTextContent().trim().startsWith("${")) {
                    problems.add(dir.getFileName() + ": a literal version " + v.getTextContent().trim() + " (use a property)");
                }
            }
        }
        assertEquals(List.of(), problems);
        List<String> versions = libraries.stream().map(d -> child(pomOrFail(d), "version")).sorted(LibraryVersionsTest::bySemver).toList();
        assertEquals(versions.get(versions.size() - 1), root.get("extensions-runtime.version"),
                "the root pom's extensions-runtime.version names the newest library version " + versions);
    }

    private static Element pomOrFail(Path dir) {
        try {
            return pom(dir.resolve("pom.xml"));
        } catch (Exception e) {
            throw new AssertionError("cannot read " + dir.resolve("pom.xml"), e);
        }
    }

    private static int bySemver(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
