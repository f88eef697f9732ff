package com.connectsoft.factory.build.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a module's functions from its sources and from its packaged function.json files, and comparing them. */
class FunctionBindingsTest {
    @TempDir
    Path dir;

    static final String FUNCTIONS = """
            package com.x.pets;

            import static com.microsoft.azure.functions.HttpMethod.DELETE;
            import com.microsoft.azure.functions.*;
            import com.microsoft.azure.functions.annotation.*;
            import java.util.Optional;

            public final class PetFunctions {
                private static final String ROUTE = "v1/" + "pets";

                @FunctionName("PetGet")
                public HttpResponseMessage get(
                        @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.HEAD}, authLevel = AuthorizationLevel.FUNCTION, route = ROUTE + "/{id}")
                        HttpRequestMessage<Optional<String>> request, @BindingName("id") String id, final ExecutionContext context) {
                    return null;
                }

                @FunctionName(value = "PetDelete")
                public HttpResponseMessage delete(
                        @HttpTrigger(name = "req", methods = DELETE, route = "v1/pets/{id}") HttpRequestMessage<Optional<String>> request) {
                    return null;
                }

                public static final class Outbox {
                    @FunctionName("OutboxDrain")
                    public void drain(@TimerTrigger(name = "t", schedule = "0 */1 * * * *") String timer) {
                    }
                }

                public void notAFunction() {
                }
            }
            """;

    private Path sources() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/main/java/com/x/pets"));
        Files.writeString(src.resolve("PetFunctions.java"), FUNCTIONS);
        Files.writeString(src.resolve("Pet.java"), "package com.x.pets; public record Pet(String id) {}");
        return dir.resolve("src/main/java");
    }

    private Path functionJson(String name, String json) throws Exception {
        Path f = Files.createDirectories(dir.resolve("azure-functions/app/" + name)).resolve("function.json");
        Files.writeString(f, json);
        return f;
    }

    static String http(String entryPoint, String route, String methods, String authLevel) {
        return """
                { "scriptFile" : "../app.jar", "entryPoint" : "%s",
                  "bindings" : [ { "type" : "httpTrigger", "direction" : "in", "name" : "req", "route" : "%s", "methods" : [ %s ], "authLevel" : "%s" },
                                 { "type" : "http", "direction" : "out", "name" : "$return" } ] }
                """.formatted(entryPoint, route, methods, authLevel);
    }

    private void packageAllThree() throws Exception {
        functionJson("PetGet", http("com.x.pets.PetFunctions.get", "v1/pets/{id}", "\"GET\", \"HEAD\"", "FUNCTION"));
        functionJson("PetDelete", http("com.x.pets.PetFunctions.delete", "v1/pets/{id}", "\"DELETE\"", "ANONYMOUS"));
        functionJson("OutboxDrain", """
                { "entryPoint" : "com.x.pets.PetFunctions$Outbox.drain",
                  "bindings" : [ { "type" : "timerTrigger", "direction" : "in", "name" : "t", "schedule" : "0 */1 * * * *" } ] }
                """);
    }

    private Optional<String> check() throws Exception {
        var declared = assertInstanceOf(FunctionBindings.Read.Functions.class, FunctionBindings.declared(sources()));
        var packaged = assertInstanceOf(FunctionBindings.Read.Functions.class, FunctionBindings.packaged(dir.resolve("azure-functions")));
        return FunctionBindings.mismatch(declared.byName(), packaged.byName());
    }

    @Test
    void readsTheDeclaredFunctionsWithConstantsStaticImportsDefaultsAndNestedClasses() throws Exception {
        var read = assertInstanceOf(FunctionBindings.Read.Functions.class, FunctionBindings.declared(sources()));
        assertEquals(new FunctionBindings.Function("PetGet", "com.x.pets.PetFunctions.get", "httpTrigger", "v1/pets/{id}",
                Set.of("GET", "HEAD"), "FUNCTION"), read.byName().get("PetGet"));
        assertEquals(new FunctionBindings.Function("PetDelete", "com.x.pets.PetFunctions.delete", "httpTrigger", "v1/pets/{id}",
                Set.of("DELETE"), "ANONYMOUS"), read.byName().get("PetDelete"), "authLevel defaults to ANONYMOUS, as in the annotation");
        assertEquals(new FunctionBindings.Function("OutboxDrain", "com.x.pets.PetFunctions$Outbox.drain", "timerTrigger", "", Set.of(), ""),
                read.byName().get("OutboxDrain"));
        assertEquals(3, read.byName().size());
    }

    @Test
    void packagedFunctionsThatMatchTheSourcesPass() throws Exception {
        packageAllThree();
        assertEquals(Optional.empty(), check());
    }

    @Test
    void aDifferentRouteMethodAuthLevelTriggerOrEntryPointIsOneLineNamingTheFunction() throws Exception {
        packageAllThree();
        functionJson("PetGet", http("com.x.pets.PetFunctions.get", "v1/pet/{id}", "\"GET\", \"HEAD\"", "FUNCTION"));
        assertEquals(Optional.of("PetGet: route is 'v1/pet/{id}' in function.json but 'v1/pets/{id}' in the sources"), check());
        functionJson("PetGet", http("com.x.pets.PetFunctions.get", "v1/pets/{id}", "\"GET\"", "FUNCTION"));
        assertEquals(Optional.of("PetGet: methods is 'GET' in function.json but 'GET,HEAD' in the sources"), check());
        functionJson("PetGet", http("com.x.pets.PetFunctions.get", "v1/pets/{id}", "\"get\", \"head\"", "anonymous"));
        assertEquals(Optional.of("PetGet: authLevel is 'ANONYMOUS' in function.json but 'FUNCTION' in the sources"), check());
        functionJson("PetGet", http("com.x.pets.PetFunctions.list", "v1/pets/{id}", "\"GET\", \"HEAD\"", "FUNCTION"));
        assertEquals(Optional.of("PetGet: entryPoint is 'com.x.pets.PetFunctions.list' in function.json but 'com.x.pets.PetFunctions.get' "
                + "in the sources"), check());
        functionJson("PetGet", http("com.x.pets.PetFunctions.get", "v1/pets/{id}", "\"GET\", \"HEAD\"", "FUNCTION"));
        functionJson("OutboxDrain", "{ \"entryPoint\" : \"com.x.pets.PetFunctions$Outbox.drain\", \"bindings\" : [ { \"type\" : \"queueTrigger\", "
                + "\"direction\" : \"in\" } ] }");
        assertEquals(Optional.of("OutboxDrain: trigger type is 'queueTrigger' in function.json but 'timerTrigger' in the sources"), check());
    }

    @Test
    void aMissingOrAnExtraFunctionJsonFails() throws Exception {
        packageAllThree();
        Files.delete(dir.resolve("azure-functions/app/PetDelete/function.json"));
        assertEquals(Optional.of("PetDelete (com.x.pets.PetFunctions.delete) has no function.json"), check());
        functionJson("PetDelete", http("com.x.pets.PetFunctions.delete", "v1/pets/{id}", "\"DELETE\"", "ANONYMOUS"));
        functionJson("PetPurge", http("com.x.pets.PetFunctions.purge", "v1/pets", "\"DELETE\"", "ADMIN"));
        assertEquals(Optional.of("function.json of PetPurge has no @FunctionName(\"PetPurge\") in the sources"), check());
    }

    @Test
    void hostileOrUnreadableInputIsRefusedWithAReason() throws Exception {
        packageAllThree();
        Files.writeString(dir.resolve("azure-functions/app/PetGet/function.json"), " ".repeat((int) FunctionBindings.MAX_FUNCTION_JSON_BYTES + 1));
        assertEquals(new FunctionBindings.Read.Unreadable("function.json of PetGet is larger than 64 KiB"),
                FunctionBindings.packaged(dir.resolve("azure-functions")));
        Files.writeString(dir.resolve("azure-functions/app/PetGet/function.json"), "{ not json");
        assertEquals(new FunctionBindings.Read.Unreadable("function.json of PetGet is not JSON"), FunctionBindings.packaged(dir.resolve("azure-functions")));
        assertEquals(new FunctionBindings.Read.Unreadable("the azure packaging wrote no function.json (no target/azure-functions)"),
                FunctionBindings.packaged(dir.resolve("nowhere")));

        Path src = sources();
        Files.writeString(src.resolve("com/x/pets/PetFunctions.java"), FUNCTIONS.replace("route = ROUTE + \"/{id}\"", "route = Routes.of()"));
        var unreadable = assertInstanceOf(FunctionBindings.Read.Unreadable.class, FunctionBindings.declared(src));
        assertTrue(unreadable.reason().contains("'Routes.of()' is not a string constant"), unreadable.reason());
        Files.writeString(src.resolve("com/x/pets/PetFunctions.java"), FUNCTIONS.replace("\"PetDelete\"", "\"PetGet\""));
        assertEquals(new FunctionBindings.Read.Unreadable("two functions are named PetGet (com.x.pets.PetFunctions.get and "
                + "com.x.pets.PetFunctions.delete)"), FunctionBindings.declared(src));
        Files.writeString(src.resolve("com/x/pets/PetFunctions.java"), "class FunctionName { void f( }");
        assertTrue(((FunctionBindings.Read.Unreadable) FunctionBindings.declared(src)).reason().startsWith("com/x/pets/PetFunctions.java does not parse"));
        Files.writeString(src.resolve("com/x/pets/PetFunctions.java"), "// FunctionName\nclass A { String s = " + "(".repeat(200_000) + "\"\"" + ")".repeat(200_000) + "; }");
        var deep = FunctionBindings.declared(src);
        assertInstanceOf(FunctionBindings.Read.Unreadable.class, deep, "bounded: a file this size or depth is refused, never a crash");
    }

    @Test
    void triggerAnnotationsMapToTheBindingTypesThePackagingWrites() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("HttpTrigger", "httpTrigger");
        expected.put("TimerTrigger", "timerTrigger");
        expected.put("ServiceBusTopicTrigger", "serviceBusTrigger");
        expected.put("ServiceBusQueueTrigger", "serviceBusTrigger");
        expected.put("CosmosDBTrigger", "cosmosDBTrigger");
        expected.put("DurableActivityTrigger", "activityTrigger");
        expected.forEach((annotation, type) -> assertEquals(type, FunctionBindings.bindingType(annotation), annotation));
    }
}
