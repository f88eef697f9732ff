package com.connectsoft.factory.agent.application;

import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A proposed blueprint between the domain skill and the blueprint reader: its JSON answer written as a YAML blueprint
 * (SnakeYAML quotes what needs quoting), and the reader's problems located back on the answer's structure
 * ({@code modules[0].entities[1].fields[2]}), which is how both implementations of the skill are told what to correct.
 */
public final class BlueprintDraft {
    public static final String FILE = "proposal.blueprint.yaml";

    private BlueprintDraft() {
    }

    public static String yaml(JsonNode draft, String header) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(0);
        o.setWidth(120);
        o.setSplitLines(false);
        Object plain = Json.mapper().convertValue(draft, Object.class);
        StringBuilder b = new StringBuilder();
        for (String line : header.split("\n")) {
            b.append("# ").append(line.replaceAll("\\p{Cntrl}", " ")).append('\n');
        }
        return b.append(new Yaml(o).dump(plain)).toString();
    }

    /** Each problem as "at <path> (line n): message (hint: ...)", the path being the innermost element holding its line. */
    public static List<String> locate(String yaml, List<Problem> problems) {
        Node root;
        try {
            LoaderOptions lo = new LoaderOptions();
            lo.setAllowDuplicateKeys(false);
            root = new Yaml(lo).compose(new StringReader(yaml));
        } catch (RuntimeException e) {
            root = null;
        }
        List<String> out = new ArrayList<>();
        for (Problem p : problems) {
            String path = root == null ? "" : find(root, p.line(), "").orElse("");
            out.add((path.isEmpty() ? "" : "at " + path + " ") + "(line " + p.line() + "): " + p.message()
                    + p.hint().map(h -> " (hint: " + h + ")").orElse(""));
        }
        return out;
    }

    private static Optional<String> find(Node node, int line, String path) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && contains(t.getValueNode(), line)
                        && List.of("modules", "entities", "fields", "relationships", "events", "product").contains(k.getValue())) {
                    String next = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                    if (t.getValueNode() instanceof SequenceNode s) {
                        for (int i = 0; i < s.getValue().size(); i++) {
                            Node item = s.getValue().get(i);
                            if (contains(item, line)) {
                                return find(item, line, next + "[" + i + "]");
                            }
                        }
                    }
                    return find(t.getValueNode(), line, next);
                }
            }
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    private static boolean contains(Node n, int line) {
        int first = n.getStartMark().getLine() + 1;
        int last = n.getEndMark().getLine() + (n.getEndMark().getColumn() == 0 ? 0 : 1);
        return line >= first && line <= Math.max(first, last);
    }
}
