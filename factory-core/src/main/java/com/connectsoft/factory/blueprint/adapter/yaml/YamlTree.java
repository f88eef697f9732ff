package com.connectsoft.factory.blueprint.adapter.yaml;

import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.SourceMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds the JSON tree of a YAML blueprint straight from SnakeYAML's event stream, in one pass, and stops at the
 * first thing a blueprint never needs or that would make reading it expensive: lines longer than {@link #MAX_LINE}
 * (checked before SnakeYAML reads anything), anchors, aliases and merge keys (so nothing is ever expanded: no YAML
 * node graph is composed at all), a second document, nesting deeper than {@link #MAX_DEPTH}, more than
 * {@link #MAX_NODES} nodes, keys longer than {@link #MAX_KEY} and values longer than the longest a blueprint has.
 * Memory stays proportional to the input and time linear in it. Each element's position goes to the
 * {@link SourceMap}.
 */
final class YamlTree {
    /** A blueprint nests 8 levels (modules, entities, fields, values); the rest is slack for flow style. */
    static final int MAX_DEPTH = 16;
    static final int MAX_NODES = 100_000;
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = Math.max(BlueprintLimits.DESCRIPTION, BlueprintLimits.EXAMPLE);
    /**
     * SnakeYAML's reader copies its whole look-ahead window each time it reads more, so one long token (a scalar,
     * comment or block-scalar line) costs time quadratic in its length: a 1 MiB one takes most of a second.
     * Lines are bounded before SnakeYAML reads anything; flow-style YAML and JSON with long lines of short tokens
     * still fit.
     */
    static final int MAX_LINE = 65_536;

    private static final Resolver RESOLVER = new Resolver();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NO_REFERENCES = "write the value out in full: blueprints do not use YAML anchors (&), aliases (*)"
            + " or merge keys (<<)";

    /** The tree with what is wrong in it (duplicate keys, tags ...), or the one reason it was not read to the end. */
    sealed interface Result {
        /** {@code root} is null for an empty document. */
        record Tree(JsonNode root, List<Problem> problems) implements Result {
        }

        record Refused(Problem problem) implements Result {
        }
    }

    private static final class Frame {
        final JsonNode node;
        final String pointer;
        final Set<String> keys = new HashSet<>();
        String key; // in a mapping: the key whose value comes next; null when a key comes next
        int index;  // in a sequence: the index of the next item

        Frame(JsonNode node, String pointer) {
            this.node = node;
            this.pointer = pointer;
        }

        boolean mapping() {
            return node.isObject();
        }
    }

    private final String file;
    private final SourceMap source;
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private JsonNode root;
    private int skipDepth;    // > 0 inside a subtree that is dropped
    private boolean skipNext; // the next node, with its subtree, is dropped

    private YamlTree(String file, SourceMap source) {
        this.file = file;
        this.source = source;
    }

    /** Syntax errors propagate as SnakeYAML reports them (MarkedYAMLException). */
    static Result read(String file, String text, LoaderOptions options, SourceMap source) {
        int line = 1;
        for (int start = 0; start < text.length(); line++) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            if (end - start > MAX_LINE) {
                return new Result.Refused(Problem.of(file, line, MAX_LINE + 1, "line " + line + " is " + (end - start)
                        + " characters long; lines are at most " + MAX_LINE, "break it: YAML (and JSON) values and lists may span lines"));
            }
            start = end + 1;
        }
        YamlTree tree = new YamlTree(file, source);
        Problem refused = tree.build(new Yaml(options).parse(new StringReader(text)));
        return refused != null ? new Result.Refused(refused) : new Result.Tree(tree.root, tree.problems);
    }

    private Problem build(Iterable<Event> events) {
        int nodes = 0;
        int documents = 0;
        for (Event e : events) {
            if (e instanceof AliasEvent alias) {
                return at(e.getStartMark(), "YAML alias '*" + alias.getAnchor() + "' is not allowed in a blueprint", NO_REFERENCES);
            }
            if (e instanceof NodeEvent node && node.getAnchor() != null) {
                return at(e.getStartMark(), "YAML anchor '&" + node.getAnchor() + "' is not allowed in a blueprint", NO_REFERENCES);
            }
            if (e instanceof DocumentStartEvent && ++documents > 1) {
                return at(e.getStartMark(), "a second YAML document starts here; a blueprint is one document",
                        "remove the '---' and what follows it");
            }
            if (e instanceof CollectionEndEvent) {
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    open.pop();
                }
                continue;
            }
            if (!(e instanceof ScalarEvent) && !(e instanceof CollectionStartEvent)) {
                continue;
            }
            if (++nodes > MAX_NODES) {
                return at(e.getStartMark(), "the YAML has more than " + MAX_NODES + " values", "split the product into several blueprints");
            }
            if (e instanceof CollectionStartEvent && open.size() + skipDepth >= MAX_DEPTH) {
                return at(e.getStartMark(), "the YAML is nested more than " + MAX_DEPTH + " levels deep here",
                        "a blueprint nests 8 levels at most (modules, entities, fields, values); check brackets and indentation");
            }
            if (e instanceof ScalarEvent s && s.getValue().length() > MAX_VALUE) {
                return at(e.getStartMark(), "this value is " + s.getValue().length() + " characters long; a blueprint value is at most "
                        + MAX_VALUE + " characters", "shorten it: descriptions are at most " + BlueprintLimits.DESCRIPTION + " characters");
            }
            if (skipDepth > 0) {
                if (e instanceof CollectionStartEvent) {
                    skipDepth++;
                }
                continue;
            }
            if (skipNext) {
                skipNext = false;
                if (e instanceof CollectionStartEvent) {
                    skipDepth = 1;
                }
                continue;
            }
            Frame top = open.peek();
            if (top != null && top.mapping() && top.key == null) {
                Problem refused = key(top, e);
                if (refused != null) {
                    return refused;
                }
            } else {
                value(top, e);
            }
        }
        return null;
    }

    private Problem key(Frame map, Event e) {
        Mark m = e.getStartMark();
        if (!(e instanceof ScalarEvent s)) {
            problem(m, "keys must be plain names", null);
            skipDepth = 1;  // the key's subtree ...
            skipNext = true; // ... then its value
            return null;
        }
        String k = s.getValue();
        if (s.isPlain() && k.equals("<<")) {
            return at(m, "YAML merge key '<<' is not allowed in a blueprint", NO_REFERENCES);
        }
        if (k.length() > MAX_KEY) {
            return at(m, "this key is " + k.length() + " characters long; keys are property names such as 'description'",
                    "check the indentation: a long text belongs after a key, e.g. 'description: ...'");
        }
        String child = map.pointer + "/" + k;
        if (!map.keys.add(k)) {
            if (wanted()) {
                problem(m, "key '" + k + "' appears twice in this mapping", "the first one is at line " + source.locate(child).line() + "; keep one");
            }
            skipNext = true;
            return null;
        }
        source.put(child, m.getLine() + 1, m.getColumn() + 1);
        map.key = k;
        return null;
    }

    private void value(Frame parent, Event e) {
        String pointer = parent == null ? "" : parent.mapping() ? parent.pointer + "/" + parent.key : parent.pointer + "/" + parent.index;
        Mark m = e.getStartMark();
        source.put(pointer, m.getLine() + 1, m.getColumn() + 1);
        JsonNode node = e instanceof ScalarEvent s ? scalar(s) : e instanceof MappingStartEvent ? JSON.objectNode() : JSON.arrayNode();
        if (parent == null) {
            root = node;
        } else if (parent.mapping()) {
            ((ObjectNode) parent.node).set(parent.key, node);
            parent.key = null;
        } else {
            ((ArrayNode) parent.node).add(node);
            parent.index++;
        }
        if (e instanceof CollectionStartEvent) {
            open.push(new Frame(node, pointer));
        }
    }

    private JsonNode scalar(ScalarEvent s) {
        String v = s.getValue();
        Tag tag = s.getTag() == null || s.getTag().equals("!")
                ? RESOLVER.resolve(NodeId.scalar, v, s.getImplicit().canOmitTagInPlainScalar()) : new Tag(s.getTag());
        try {
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return JSON.booleanNode(Set.of("true", "yes", "on").contains(v.toLowerCase(Locale.ROOT)));
            }
            if (Tag.INT.equals(tag)) {
                return JSON.numberNode(new BigInteger(v.replace("_", "")));
            }
            if (Tag.FLOAT.equals(tag)) {
                return JSON.numberNode(new BigDecimal(v.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(v);
        }
        if (!Tag.STR.equals(tag)) {
            problem(s.getStartMark(), "YAML tag " + tag + " is not allowed in a blueprint", "remove the tag");
        }
        return JSON.textNode(v);
    }

    /** Problems are kept up to what a rejection shows, and one more so it says there are more. */
    private boolean wanted() {
        return problems.size() <= BlueprintLimits.PROBLEMS + 1;
    }

    private void problem(Mark m, String message, String hint) {
        if (wanted()) {
            problems.add(at(m, message, hint));
        }
    }

    private Problem at(Mark m, String message, String hint) {
        return Problem.of(file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, message, hint);
    }
}
