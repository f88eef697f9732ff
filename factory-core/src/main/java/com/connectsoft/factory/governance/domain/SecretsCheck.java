package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** No secrets in the output: storage and bus keys, private keys, cloud and git tokens, hard-coded passwords. */
public final class SecretsCheck implements GovernanceCheck {
    public static final String ID = "ConnectSoft.Governance.NoSecrets";
    static final String POLICY_VERSION = "1.0.0";
    private static final Map<String, Pattern> PATTERNS = Map.of(
            "storage account key", Pattern.compile("AccountKey=[A-Za-z0-9+/=]{20,}"),
            "shared access key", Pattern.compile("SharedAccessKey=[A-Za-z0-9+/=]{20,}"),
            "private key", Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
            "AWS access key", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
            "GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            "Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            "Cosmos DB key", Pattern.compile("(?i)\"?(cosmos|account)_?key\"?\\s*[:=]\\s*\"[A-Za-z0-9+/=]{40,}\""),
            "hard-coded password", Pattern.compile("(?i)(password|passwd|pwd|secret)\"?\\s*[:=]\\s*\"[^\"\\s]{8,}\""));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CheckResult evaluate(String moduleId, List<RenderedFile> files) {
        List<String> violations = new ArrayList<>();
        for (RenderedFile f : files) {
            String[] lines = new String(f.bytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Map.Entry<String, Pattern> p : PATTERNS.entrySet()) {
                    if (p.getValue().matcher(lines[i]).find()) {
                        violations.add(f.path() + ":" + (i + 1) + ": looks like a " + p.getKey());
                    }
                }
            }
        }
        violations.sort(String::compareTo);
        return CheckResult.of(ID, POLICY_VERSION, violations);
    }
}
