package com.connectsoft.factory.blueprint.adapter.jdl;

import com.connectsoft.factory.blueprint.domain.BlueprintLimits;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * One pass of the lexer over a JDL text before it is parsed, keeping no tokens: stops at the first token a JDL
 * file never needs (a string, comment or /pattern/ left open, a name, number, string or comment longer than any a
 * blueprint takes), at brackets nested deeper than {@link #MAX_NESTING}, and past {@link #MAX_TOKENS} tokens. The
 * lexer is linear on any text (see the UNCLOSED_ tokens of the grammar), so this pass is too, and the parse that
 * follows works on a bounded number of tokens with bounded recursion.
 */
final class JdlGuard {
    /** Tokens that are not whitespace or comments; a 500-entity JDL is a few tens of thousands. */
    static final int MAX_TOKENS = 200_000;
    /** {@code application { config { x [ ... ] } }} nests 3; entity, enum and relationship blocks 2. */
    static final int MAX_NESTING = 16;
    /** A license header fits; a comment that becomes a description is held to the description limit later. */
    static final int MAX_COMMENT = 16_384;
    static final int MAX_NUMBER = 2 * BlueprintLimits.NUMBER_DIGITS + 2;

    private JdlGuard() {
    }

    static Optional<Problem> check(String file, String text) {
        JdlLexer lexer = new JdlLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners(); // ERROR_CHAR matches whatever no other token does: the lexer never fails
        int tokens = 0;
        int depth = 0;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            int length = t.getStopIndex() - t.getStartIndex() + 1;
            String refusal = switch (t.getType()) {
                case JdlLexer.UNCLOSED_STRING -> "this string is not closed on its line";
                case JdlLexer.UNCLOSED_COMMENT -> "this comment is not closed: '/*' without '*/'";
                case JdlLexer.UNCLOSED_PATTERN -> "this /pattern/ is not closed on its line";
                case JdlLexer.IDENT, JdlLexer.NUMWORD -> length > BlueprintLimits.PACKAGE
                        ? "this name is " + length + " characters long; names are at most " + BlueprintLimits.NAME
                        + " characters (dotted package names " + BlueprintLimits.PACKAGE + ")" : null;
                case JdlLexer.INT, JdlLexer.DECIMAL -> length > MAX_NUMBER
                        ? "this number is " + length + " characters long; numbers have at most " + BlueprintLimits.NUMBER_DIGITS
                        + " digits before and after the decimal point" : null;
                case JdlLexer.STRING -> length > BlueprintLimits.DESCRIPTION + 2
                        ? "this string is " + length + " characters long; strings are at most " + BlueprintLimits.DESCRIPTION : null;
                case JdlLexer.PATTERN -> length > BlueprintLimits.PATTERN + 2
                        ? "this pattern is " + (length - 2) + " characters long; patterns are at most " + BlueprintLimits.PATTERN : null;
                case JdlLexer.JAVADOC, JdlLexer.BLOCK_COMMENT, JdlLexer.LINE_COMMENT -> length > MAX_COMMENT
                        ? "this comment is " + length + " characters long; comments are at most " + MAX_COMMENT
                        + " (and " + BlueprintLimits.DESCRIPTION + " when they describe an element)" : null;
                case JdlLexer.LBRACE, JdlLexer.LBRACK, JdlLexer.LPAREN -> ++depth > MAX_NESTING
                        ? "brackets are nested more than " + MAX_NESTING + " deep here" : null;
                case JdlLexer.RBRACE, JdlLexer.RBRACK, JdlLexer.RPAREN -> {
                    depth = Math.max(0, depth - 1);
                    yield null;
                }
                default -> null;
            };
            if (refusal == null && t.getChannel() == Token.DEFAULT_CHANNEL && ++tokens > MAX_TOKENS) {
                refusal = "the JDL has more than " + MAX_TOKENS + " tokens";
            }
            if (refusal != null) {
                return Optional.of(Problem.of(file, t.getLine(), t.getCharPositionInLine() + 1, refusal, hint(t.getType())));
            }
        }
        return Optional.empty();
    }

    private static String hint(int type) {
        return switch (type) {
            case JdlLexer.UNCLOSED_STRING -> "close it with the same quote it starts with, on the same line";
            case JdlLexer.UNCLOSED_COMMENT -> "end the comment with '*/'";
            case JdlLexer.UNCLOSED_PATTERN -> "end the pattern with '/'; write a '/' inside it as '\\/'";
            case JdlLexer.JAVADOC, JdlLexer.BLOCK_COMMENT, JdlLexer.LINE_COMMENT -> "shorten the comment";
            case JdlLexer.LBRACE, JdlLexer.LBRACK, JdlLexer.LPAREN -> "check for a '}', ']' or ')' missing before this point";
            case JdlLexer.IDENT, JdlLexer.NUMWORD, JdlLexer.INT, JdlLexer.DECIMAL, JdlLexer.STRING, JdlLexer.PATTERN -> "shorten it";
            default -> "split the product into several JDL files";
        };
    }
}
