package com.connectsoft.factory.blueprint.domain;

import java.util.HashMap;
import java.util.Map;

/** Where each element of a parsed document starts, by JSON pointer ("" is the root), 1-based line and column. */
public final class SourceMap {
    public record Position(int line, int column) {
    }

    private final String file;
    private final Map<String, Position> positions = new HashMap<>();

    public SourceMap(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void put(String pointer, int line, int column) {
        positions.putIfAbsent(pointer, new Position(line, column));
    }

    /** The position of the pointer, or of its nearest ancestor that has one. */
    public Position locate(String pointer) {
        String p = pointer;
        while (true) {
            Position pos = positions.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return new Position(1, 1);
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    public Problem problem(String pointer, String message, String hint) {
        Position pos = locate(pointer);
        return Problem.of(file, pos.line(), pos.column(), message, hint);
    }
}
