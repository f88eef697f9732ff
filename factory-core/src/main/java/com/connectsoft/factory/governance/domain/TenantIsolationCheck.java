package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tenant isolation is present in every repository: every public repository method takes the tenant, every
 * Cosmos DB point operation names the tenant's partition, and every query filters on tenantId in that partition. A web
 * front end keeps the tenant's credential in session storage only.
 */
public final class TenantIsolationCheck implements GovernanceCheck {
    public static final String ID = "ConnectSoft.Governance.TenantIsolation";
    static final String POLICY_VERSION = "1.0.0";
    private static final Pattern METHOD = Pattern.compile(
            "^\\s*(public\\s+)?(synchronized\\s+)?(?!return|new|throw)[\\w<>\\[\\], ?.]+\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*(;|\\{|throws)");
    private static final Pattern POINT_CALL = Pattern.compile("container\\.(readItem|createItem|replaceItem|deleteItem)\\(");
    private static final Pattern QUERY = Pattern.compile("new SqlQuerySpec\\(\\s*\"([^\"]*)\"");

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
        int repositories = 0;
        for (RenderedFile f : files) {
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
        }
        if (repositories == 0) {
            violations.add("no repository found in " + moduleId + ": tenant isolation cannot be verified");
        }
        return CheckResult.of(ID, POLICY_VERSION, violations);
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
