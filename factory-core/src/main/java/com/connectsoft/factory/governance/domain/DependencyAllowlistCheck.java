package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every dependency and plugin in the module's pom is on the allowlist (a versioned policy). */
public final class DependencyAllowlistCheck implements GovernanceCheck {
    public static final String ID = "ConnectSoft.Governance.DependencyAllowlist";
    private final String policyVersion;
    private final List<String> allowed;

    private final java.util.function.Function<byte[], Optional<List<String>>> npmDependencies;

    /** @param allowed {@code group:artifact} or {@code group:*} entries */
    public DependencyAllowlistCheck(String policyVersion, List<String> allowed) {
        this(policyVersion, allowed, bytes -> Optional.empty());
    }

    /**
     * @param allowed         also {@code npm:<name>} and {@code npm:@scope/*} entries
     * @param npmDependencies the names of every dependency a package.json declares, empty when it cannot be read
     */
    public DependencyAllowlistCheck(String policyVersion, List<String> allowed,
                                    java.util.function.Function<byte[], Optional<List<String>>> npmDependencies) {
        this.policyVersion = policyVersion;
        this.allowed = List.copyOf(allowed);
        this.npmDependencies = npmDependencies;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Checks every Maven build file of the module (the service's pom.xml and any other, such as infra/pom.xml) and the
     * base images of its Dockerfiles ({@code image:<repository>} entries, pinned by tag or digest), or,
     * in a web front end (a package.json and no pom.xml), every npm dependency ({@code npm:<name>} or
     * {@code npm:@scope/*} entries).
     */
    @Override
    public CheckResult evaluate(String moduleId, List<RenderedFile> files) {
        Optional<RenderedFile> packageJson = files.stream().filter(f -> f.path().equals("package.json")).findFirst();
        if (packageJson.isPresent() && files.stream().noneMatch(f -> f.path().equals("pom.xml"))) {
            return CheckResult.of(ID, policyVersion, checkNpm(packageJson.get()));
        }
        List<RenderedFile> poms = files.stream().filter(f -> f.path().equals("pom.xml") || f.path().endsWith("/pom.xml")).toList();
        if (poms.stream().noneMatch(f -> f.path().equals("pom.xml"))) {
            return CheckResult.of(ID, policyVersion, List.of("no pom.xml in " + moduleId + ": dependencies cannot be checked"));
        }
        List<String> violations = new ArrayList<>();
        for (RenderedFile pom : poms) {
            violations.addAll(check(pom));
        }
        for (RenderedFile f : files) {
            if (f.path().equals("Dockerfile") || f.path().endsWith("/Dockerfile")) {
                violations.addAll(checkDockerfile(f));
            }
        }
        return CheckResult.of(ID, policyVersion, violations);
    }

    /**
     * Every base image of a Dockerfile ({@code FROM}, not an earlier stage's name) is an {@code image:<repository>} entry
     * and pinned: a tag other than {@code latest}, or a digest.
     */
    private List<String> checkDockerfile(RenderedFile dockerfile) {
        List<String> violations = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        String[] lines = new String(dockerfile.bytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String[] words = lines[i].trim().split("\\s+");
            if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int at = 1;
            while (at < words.length && words[at].startsWith("--")) {
                at++;
            }
            if (at >= words.length) {
                violations.add(dockerfile.path() + ":" + (i + 1) + ": FROM names no image");
                continue;
            }
            String image = words[at];
            boolean earlierStage = stages.contains(image);
            if (at + 2 < words.length && words[at + 1].equalsIgnoreCase("AS")) {
                stages.add(words[at + 2]);
            }
            if (earlierStage) {
                continue;
            }
            String repository = image;
            String pin = "";
            int digest = image.indexOf('@');
            if (digest >= 0) {
                repository = image.substring(0, digest);
                pin = image.substring(digest);
            } else {
                int colon = image.lastIndexOf(':');
                if (colon > image.lastIndexOf('/')) {
                    repository = image.substring(0, colon);
                    pin = image.substring(colon + 1);
                }
            }
            if (!allowed.contains("image:" + repository)) {
                violations.add(dockerfile.path() + ":" + (i + 1) + ": base image " + repository + " is not on the dependency allowlist " + policyVersion);
            } else if (pin.isEmpty() || pin.equals("latest")) {
                violations.add(dockerfile.path() + ":" + (i + 1) + ": base image " + repository + " is not pinned: name a tag other than latest, or a digest");
            }
        }
        return violations;
    }

    private List<String> check(RenderedFile pom) {
        TreeSet<String> coordinates = new TreeSet<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(pom.bytes()));
            for (String tag : List.of("dependency", "plugin")) {
                NodeList nodes = doc.getElementsByTagName(tag);
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element e = (Element) nodes.item(i);
                    String group = child(e, "groupId", tag.equals("plugin") ? "org.apache.maven.plugins" : "");
                    coordinates.add(group + ":" + child(e, "artifactId", ""));
                }
            }
        } catch (Exception e) {
            return List.of(pom.path() + " cannot be read: " + e.getMessage());
        }
        List<String> violations = new ArrayList<>();
        for (String c : coordinates) {
            String group = c.substring(0, c.indexOf(':'));
            if (!allowed.contains(c) && !allowed.contains(group + ":*")) {
                violations.add(pom.path() + ": " + c + " is not on the dependency allowlist " + policyVersion);
            }
        }
        return violations;
    }

    private List<String> checkNpm(RenderedFile packageJson) {
        Optional<List<String>> declared = npmDependencies.apply(packageJson.bytes());
        if (declared.isEmpty()) {
            return List.of("package.json cannot be read: its dependencies cannot be checked");
        }
        TreeSet<String> names = new TreeSet<>(declared.get());
        List<String> violations = new ArrayList<>();
        for (String name : names) {
            String scope = name.startsWith("@") && name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
            if (!allowed.contains("npm:" + name) && (scope.isEmpty() || !allowed.contains("npm:" + scope + "/*"))) {
                violations.add("package.json: npm:" + name + " is not on the dependency allowlist " + policyVersion);
            }
        }
        return violations;
    }

    private static String child(Element e, String name, String fallback) {
        NodeList n = e.getElementsByTagName(name);
        return n.getLength() == 0 ? fallback : n.item(0).getTextContent().trim();
    }
}
