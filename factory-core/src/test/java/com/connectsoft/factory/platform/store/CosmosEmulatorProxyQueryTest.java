package com.connectsoft.factory.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The proxy turns the case-insensitive string functions real Cosmos DB accepts into the two-argument form the npm emulator knows. */
class CosmosEmulatorProxyQueryTest {

    @Test
    void threeArgumentStringFunctionsBecomeTheirTwoArgumentForm() {
        assertEquals("SELECT * FROM c WHERE c.tenantId = @t AND CONTAINS(LOWER(c[\"title\"]), LOWER(@p0)) ORDER BY c.id",
                CosmosEmulatorProxy.caseInsensitiveFunctions(
                        "SELECT * FROM c WHERE c.tenantId = @t AND CONTAINS(c[\"title\"], @p0, true) ORDER BY c.id"));
        assertEquals("SELECT * FROM c WHERE STARTSWITH(c.a, 'x,y)') AND endswith(LOWER(c.b), LOWER(@p))",
                CosmosEmulatorProxy.caseInsensitiveFunctions("SELECT * FROM c WHERE STARTSWITH(c.a, 'x,y)', false) AND endswith(c.b, @p, TRUE)"));
        assertEquals("SELECT * FROM c WHERE CONTAINS(LOWER(CONCAT(c.a, c.b)), LOWER(@p))",
                CosmosEmulatorProxy.caseInsensitiveFunctions("SELECT * FROM c WHERE CONTAINS(CONCAT(c.a, c.b), @p, true)"));
    }

    @Test
    void everythingElseIsLeftAsItIs() {
        for (String sql : new String[] {"SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id, true)", "SELECT * FROM c WHERE CONTAINS(c.a, @p)",
                "SELECT * FROM c WHERE c.name = 'CONTAINS(a, b, true)'", "SELECT * FROM c WHERE CONTAINS(c.a, @p, true"}) {
            assertEquals(sql, CosmosEmulatorProxy.caseInsensitiveFunctions(sql));
        }
    }

    @Test
    void aQueryBodyKeepsItsParameters() throws Exception {
        byte[] body = "{\"query\":\"SELECT * FROM c WHERE CONTAINS(c.a, @p, true)\",\"parameters\":[{\"name\":\"@p\",\"value\":\"Ab\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"query\":\"SELECT * FROM c WHERE CONTAINS(LOWER(c.a), LOWER(@p))\",\"parameters\":[{\"name\":\"@p\",\"value\":\"Ab\"}]}",
                new String(CosmosEmulatorProxy.caseInsensitiveFunctions(body), StandardCharsets.UTF_8));
    }
}
