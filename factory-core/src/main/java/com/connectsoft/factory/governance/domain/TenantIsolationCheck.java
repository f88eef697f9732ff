package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenant isolation is present in every repository: every public repository method takes the tenant, every
 * Cosmos DB point operation names the tenant's partition, and every query filters on tenantId in that partition. Since
 * 1.1.0 the store is reached only through repositories: any other class of the module that calls Cosmos DB is denied,
 * unless all it asks is which tenants have records ({@code SELECT DISTINCT VALUE c.tenantId}, no tenant data); and a
 * repository that leaves the store to a base class extends one the module has rendered (and so this check reads) or the
 * tenant-scoped {@code CosmosRepository} / {@code InMemoryRepository} of the runtime library (verified with the library's
 * own tests). A web front end keeps the tenant's credential in session storage only.
 */
public final class TenantIsolationCheck implements GovernanceCheck {
    public static final String ID = "ConnectSoft.Governance.TenantIsolation";
    static final String POLICY_VERSION = "1.2.0";
    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(public\\s+)?(synchronized\\s+)?(?!return|new|throw)[\\w<>\\[\\], ?.]+\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*(;|\\{|throws)");
    private static final Pattern POINT_CALL = Pattern.compile("container\\.(readItem|createItem|replaceItem|deleteItem)\\(");
    private static final Pattern QUERY = Pattern.compile("new SqlQuerySpec\\(\\s*\"([^\"]*)\"");
    /** A call that reads or writes a Cosmos DB container's items. */
    private static final Pattern STORE_CALL = Pattern.compile(
            "\\.(readItem|readMany|readAllItems|createItem|replaceItem|upsertItem|deleteItem|patchItem|deleteAllItemsByPartitionKey"
            + "|queryItems|queryChangeFeed|executeCosmosBatch|executeBulkOperations)\\s*\\(");
    /** A SQL text literal. */
    private static final Pattern SQL_LITERAL = Pattern.compile("\"\\s*(?i:SELECT)\\b([^\"]*)\"");
    /** The one query allowed outside repositories: which tenants have records (values of tenantId only). */
    private static final Pattern TENANT_IDS_ONLY = Pattern.compile("(?i)^\\s*DISTINCT\\s+VALUE\\s+c\\.tenantId\\s+FROM\\s+c\\b.*");
    /** A repository whose store code is a base class: {@code extends Name<} (the base must be one this check reads, or the library's). */
    private static final Pattern EXTENDS = Pattern.compile("\\bclass\\s+\\w+(?:<[^>{]*>)?\\s+extends\\s+([\\w.]+)\\s*<");
    /** The runtime library's tenant-scoped stores, which a generated repository may extend. */
    static final java.util.Set<String> LIBRARY_BASES = java.util.Set.of("com.connectsoft.extensions.runtime.data.cosmos.CosmosRepository",
            "com.connectsoft.extensions.runtime.data.memory.InMemoryRepository");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(String moduleId, List<RenderedFile> files) {
        if (files.stream().anyMatch(f -> f.path().equals("package.json")) && files.stream().noneMatch(f -> f.path().startsWith("src/main/java/"))) {
            return frontEnd(files);
        }
        List<String> violations = new ArrayList<>();
        java.util.Set<String> renderedTypes = new java.util.HashSet<>(); // fully qualified
        for (RenderedFile f : files) {
            if (f.path().startsWith("src/main/java/") && f.path().endsWith(".java")) {
                renderedTypes.add(qualified(f.path()));
            }
        }
        int repositories = 0;
        for (RenderedFile f : files) {
            if (f.path().startsWith("src/main/java/") && f.path().endsWith(".java") && !f.path().endsWith("Repository.java")) {
                outsideRepositories(f, violations);
            }
            if (!f.path().startsWith("src/main/java/") || !f.path().endsWith("Repository.java")) {
                continue;
            }
            repositories++;
            String[] lines = new String(f.bytes(), StandardCharsets.UTF_8).split("\n", -1);
            String text = String.join("\n", lines);
            boolean isInterface = text.contains("public interface ");
            String type = f.path().substring(f.path().lastIndexOf('/') + 1).replace(".java", "");
            if (isInterface && !type.equals("TenantScopedRepository") && !text.contains("extends TenantScopedRepository<")
                    && !text.contains("String tenantId")) {
                violations.add(f.path() + ": repository " + type + " neither extends TenantScopedRepository nor takes a tenant");
            }
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                Matcher m = METHOD.matcher(line);
                boolean declaresMethod = m.find() && !line.contains(" class ") && !line.contains(" interface ")
                        && !m.group(3).equals(type) && (isInterface ? line.trim().endsWith(";") : line.contains("public "));
                boolean isStatic = line.contains(" static ");
                if (declaresMethod && !isStatic && !m.group(4).contains("String tenantId")) {
                    violations.add(f.path() + ":" + (i + 1) + ": " + m.group(3) + "(" + m.group(4).trim() + ") does not take the tenant");
                }
                if (POINT_CALL.matcher(line).find() && !line.contains("partition(tenantId)") && !line.contains("new PartitionKey(tenantId)")) {
                    violations.add(f.path() + ":" + (i + 1) + ": Cosmos DB call without the tenant's partition key");
                }
            }
            Matcher q = QUERY.matcher(text);
            while (q.find()) {
                if (!q.group(1).contains("c.tenantId = @tenantId")) {
                    violations.add(f.path() + ": query \"" + q.group(1) + "\" does not filter on c.tenantId");
                }
            }
            if (text.contains(".queryItems(") && !text.contains(".setPartitionKey(partition(tenantId))")) {
                violations.add(f.path() + ": queries are not scoped to the tenant's partition");
            }
            Matcher base = EXTENDS.matcher(text);
            if (!isInterface && base.find()) {
                String name = base.group(1);
                String imported = name.contains(".") ? name : importOf(text, name);
                String own = qualified(f.path());
                // a simple name not imported is a class of the repository's own package
                String fqn = imported != null ? imported : own.substring(0, own.lastIndexOf('.') + 1) + name;
                if (!LIBRARY_BASES.contains(fqn) && !renderedTypes.contains(fqn)) {
                    violations.add(f.path() + ": repository " + type + " extends " + name + ", which is neither rendered in this module "
                            + "(and checked here) nor a tenant-scoped store of the runtime library");
                }
            }
        }
        if (repositories == 0 && holdsData(files)) {
            violations.add("no repository found in " + moduleId + ": tenant isolation cannot be verified");
        }
        return CheckResult.of(ID, POLICY_VERSION, violations);
    }

    /**
     * Whether the module has tenant data of its own: an entity ({@code implements TenantEntity}) or JDBC / JPA code. A
     * module without (a service skeleton from a blueprint without entities) has nothing to isolate, though it wires the
     * library's stores for its outbox; one with any must keep it in checked repositories. Direct store calls outside
     * repositories are refused either way.
     */
    private static boolean holdsData(List<RenderedFile> files) {
        for (RenderedFile f : files) {
            if (f.path().startsWith("src/main/java/") && f.path().endsWith(".java")
                    && DATA.matcher(new String(f.bytes(), StandardCharsets.UTF_8)).find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern DATA = Pattern.compile("implements\\s+TenantEntity\\b|\\bjava\\.sql\\.|\\bjavax\\.sql\\.|\\bjakarta\\.persistence\\.");

    /** A class that is not a repository calls the store only to ask which tenants have records. */
    private static void outsideRepositories(RenderedFile f, List<String> violations) {
        String text = new String(f.bytes(), StandardCharsets.UTF_8);
        Matcher call = STORE_CALL.matcher(text);
        if (!call.find()) {
            return;
        }
        boolean onlyTenantIds = call.group(1).equals("queryItems");
        while (call.find()) {
            onlyTenantIds &= call.group(1).equals("queryItems");
        }
        Matcher sql = SQL_LITERAL.matcher(text);
        int queries = 0;
        while (sql.find()) {
            queries++;
            onlyTenantIds &= TENANT_IDS_ONLY.matcher(sql.group(1)).matches();
        }
        if (!onlyTenantIds || queries == 0) {
            violations.add(f.path() + ": calls Cosmos DB outside a repository (only repositories reach the store, scoped to the tenant; "
                    + "elsewhere only 'SELECT DISTINCT VALUE c.tenantId' is allowed)");
        }
    }

    /** The fully qualified name of the class a rendered {@code src/main/java/} file declares. */
    private static String qualified(String path) {
        return path.substring("src/main/java/".length(), path.length() - ".java".length()).replace('/', '.');
    }

    /** The fully qualified name {@code simple} is imported as, or null. */
    private static String importOf(String text, String simple) {
        Matcher m = Pattern.compile("(?m)^\\s*import\\s+([\\w.]+\\." + Pattern.quote(simple) + ")\\s*;").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * A web front end holds no store (the API it calls enforces isolation); what it must not do is keep a tenant's
     * credential where it outlives the tab or reaches other tabs and origins' scripts longer: no localStorage, no cookies
     * written by script.
     */
    private static CheckResult frontEnd(List<RenderedFile> files) {
        List<String> violations = new ArrayList<>();
        for (RenderedFile f : files) {
            if (!f.path().startsWith("src/") || f.path().contains(".test.")) {
                continue;
            }
            String[] lines = new String(f.bytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("localStorage") || lines[i].contains("document.cookie")) {
                    violations.add(f.path() + ":" + (i + 1) + ": a front end keeps credentials in session storage only");
                }
            }
        }
        return CheckResult.of(ID, POLICY_VERSION, violations);
    }
}
