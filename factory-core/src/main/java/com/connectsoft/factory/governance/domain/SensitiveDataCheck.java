package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entities that store special personal data (government ids, bank and card numbers, biometrics) need a human's
 * approval: the check answers RequiresApproval naming each such field, and Allow otherwise. It reads the generated
 * tenant entities ({@code record X(...) implements TenantEntity<X>}) and matches their field names against the
 * versioned policy's list (name starts or ends with an entry, case-insensitive).
 */
public final class SensitiveDataCheck implements GovernanceCheck {
    public static final String ID = "ConnectSoft.Governance.SensitiveData";
    private static final Pattern ENTITY = Pattern.compile("record\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*implements\\s+TenantEntity<");

    private final String policyVersion;
    private final List<String> sensitive;

    public SensitiveDataCheck(String policyVersion, List<String> sensitive) {
        this.policyVersion = policyVersion;
        this.sensitive = sensitive.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(String moduleId, List<RenderedFile> files) {
        List<String> found = new ArrayList<>();
        for (RenderedFile f : files) {
            if (!f.path().endsWith(".java") || !f.path().startsWith("src/main/")) {
                continue;
            }
            Matcher m = ENTITY.matcher(new String(f.bytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                for (String component : m.group(2).split(",")) {
                    String[] parts = component.trim().split("\\s+");
                    String field = parts[parts.length - 1];
                    String lower = field.toLowerCase(Locale.ROOT);
                    sensitive.stream().filter(s -> lower.startsWith(s) || lower.endsWith(s)).findFirst().ifPresent(s ->
                            found.add(m.group(1) + "." + field + " holds special personal data (" + s + "): a human must approve"
                                    + " storing it"));
                }
            }
        }
        return found.isEmpty() ? new CheckResult(ID, policyVersion, Decision.Allow, List.of())
                : new CheckResult(ID, policyVersion, Decision.RequiresApproval, found);
    }
}
