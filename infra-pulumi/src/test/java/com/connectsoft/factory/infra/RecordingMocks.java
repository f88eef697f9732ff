package com.connectsoft.factory.infra;

import com.pulumi.test.Mocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pulumi mocks that record every resource the program registers (type, logical name, inputs) and answer with the
 * outputs Azure would compute (ids, endpoints, the function app's identity), so a program runs without the CLI.
 */
final class RecordingMocks implements Mocks {
    static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    static final String TENANT = "99999999-8888-7777-6666-555555555555";
    /** What Front Door appends to an endpoint's name to make its host name. */
    static final String AFD_SUFFIX = "b7f3c2dqa4h8e6gx.z01.azurefd.net";

    /** One registered resource. */
    record Registered(String type, String name, Map<String, Object> inputs) {
        @SuppressWarnings("unchecked")
        Object at(String path) {
            Object node = inputs;
            for (String key : path.split("\\.")) {
                if (!(node instanceof Map<?, ?> m)) {
                    return null;
                }
                node = ((Map<String, Object>) m).get(key);
            }
            return node;
        }

        String text(String path) {
            Object v = at(path);
            return v == null ? null : String.valueOf(v);
        }
    }

    final List<Registered> resources = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        resources.add(new Registered(args.type, args.name, args.inputs));
        Map<String, Object> state = new HashMap<>(args.inputs);
        String id = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg/providers/" + args.type.replace(':', '/') + "/" + args.name;
        state.putIfAbsent("name", args.name);
        state.put("id", id);
        state.putIfAbsent("location", "westeurope");
        switch (args.type) {
            case "azure-native:web:WebApp" -> {
                state.put("identity", Map.of("type", "SystemAssigned", "principalId", principal(args.name), "tenantId", TENANT));
                state.put("defaultHostName", args.name + ".azurewebsites.net");
            }
            case "azure-native:storage:StorageAccount" -> state.put("primaryEndpoints", Map.of("blob", "https://" + args.name + ".blob.core.windows.net/",
                    "dfs", "https://" + args.name + ".dfs.core.windows.net/", "file", "https://" + args.name + ".file.core.windows.net/",
                    "queue", "https://" + args.name + ".queue.core.windows.net/", "table", "https://" + args.name + ".table.core.windows.net/",
                    "web", "https://" + args.name + ".z6.web.core.windows.net/"));
            case "azure-native:documentdb:DatabaseAccount" -> state.put("documentEndpoint", "https://" + args.name + ".documents.azure.com:443/");
            case "azure-native:keyvault:Vault" -> {
                Map<String, Object> props = new HashMap<>(castMap(args.inputs.get("properties")));
                props.put("vaultUri", "https://" + args.name + ".vault.azure.net/");
                state.put("properties", props);
            }
            case "azure-native:keyvault:Secret" -> {
                Map<String, Object> props = new HashMap<>(castMap(args.inputs.get("properties")));
                props.put("secretUri", "https://vault.vault.azure.net/secrets/" + args.name + "/");
                state.put("properties", props);
            }
            case "azure-native:insights:Component" -> state.put("connectionString",
                    "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/");
            case "azure-native:storage:Blob" -> state.put("url", "https://fnhost.blob.core.windows.net/deployments/" + args.name);
            case "azure-native:storage:StorageAccountStaticWebsite" -> state.put("containerName", "$web");
            case "azure-native:cdn:AFDEndpoint" -> state.put("hostName", args.name + "-" + AFD_SUFFIX);
            default -> {
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.endsWith("listQueueKeys")) {
            String rule = String.valueOf(args.args.get("authorizationRuleName"));
            return CompletableFuture.completedFuture(Map.of("keyName", rule, "primaryKey", "key-of-" + rule,
                    "primaryConnectionString", "Endpoint=sb://" + args.args.get("namespaceName") + ".servicebus.windows.net/;SharedAccessKeyName="
                            + rule + ";SharedAccessKey=key-of-" + rule + ";EntityPath=" + args.args.get("queueName")));
        }
        if (args.token.endsWith("getClientConfig")) {
            return CompletableFuture.completedFuture(Map.of("clientId", "client", "objectId", "deployer", "subscriptionId", SUBSCRIPTION,
                    "tenantId", TENANT));
        }
        return CompletableFuture.completedFuture(Map.of());
    }

    static String principal(String app) {
        return "principal-of-" + app;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    List<Registered> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    Registered one(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " among " + resources.stream().map(r -> r.type() + "/" + r.name()).toList()));
    }
}
