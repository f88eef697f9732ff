package com.connectsoft.factory.build.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many module builds run at once: one more than the cores, as many as the memory holds, or what the user says. */
class BuildSettingsTest {
    private static final long GIB = 1L << 30;

    @Test
    void byDefaultOneBuildMoreThanCoresAsLongAsTheMemoryHoldsThem() {
        assertEquals(3, BuildSettings.defaultConcurrency(2, 24 * GIB, 3072), "2 cores, memory for 8 builds");
        assertEquals(9, BuildSettings.defaultConcurrency(8, 64 * GIB, 3072));
        assertEquals(2, BuildSettings.defaultConcurrency(8, 6 * GIB, 3072), "memory for 2 builds of 3 GiB");
        assertEquals(2, BuildSettings.defaultConcurrency(8, 6 * GIB + GIB / 2, 3072), "half a build's memory holds no build");
        assertEquals(1, BuildSettings.defaultConcurrency(4, 2 * GIB, 3072), "too little memory still builds, one at a time");
        assertEquals(2, BuildSettings.defaultConcurrency(1, 16 * GIB, 3072));
    }

    @Test
    void theUsersFigureWinsAndANonsenseOneIsRefusedWithTheSetting() {
        assertEquals(5, BuildSettings.from(Map.of("FACTORY_BUILD_CONCURRENCY", "5")).concurrency());
        assertEquals(64, BuildSettings.from(Map.of("FACTORY_BUILD_CONCURRENCY", "1000")).concurrency(), "capped");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildSettings.from(Map.of("FACTORY_BUILD_CONCURRENCY", "0")));
        assertTrue(e.getMessage().contains("FACTORY_BUILD_CONCURRENCY"), e.getMessage());
        assertTrue(BuildSettings.from(Map.of()).concurrency() >= 1);
    }
}
