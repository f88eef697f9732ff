package com.connectsoft.factory.blueprint.adapter.jdl;

import com.connectsoft.factory.blueprint.domain.BlueprintReader;
import com.connectsoft.factory.blueprint.domain.Inputs;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Imports JHipster JDL ({@code .jdl}, {@code .jh}) wherever a blueprint is accepted. Bounded on hostile input:
 * {@link JdlGuard} lexes once and refuses oversized or open tokens, deep nesting and too many tokens; the parse runs
 * in SLL mode and falls back to full LL only when SLL fails, stops after {@link #MAX_SYNTAX_ERRORS} errors, and the
 * collector refuses more elements than a blueprint may have before anything is mapped.
 */
public final class JdlBlueprintReader implements BlueprintReader {
    static final int MAX_SYNTAX_ERRORS = 20;

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".jdl") || n.endsWith(".jh");
    }

    @Override
    public String format() {
        return "jdl";
    }

    @Override
    public ParseOutcome read(String fileName, byte[] content) {
        Inputs.Text decoded = Inputs.decode(fileName, content);
        if (decoded instanceof Inputs.Text.Bad bad) {
            return new ParseOutcome.Rejected(List.of(bad.problem()));
        }
        String text = ((Inputs.Text.Ok) decoded).text();
        Optional<Problem> refused = JdlGuard.check(fileName, text);
        if (refused.isPresent()) {
            return new ParseOutcome.Rejected(List.of(refused.get()));
        }
        JdlLexer lexer = new JdlLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        JdlParser parser = new JdlParser(tokens);
        parser.removeErrorListeners();
        JdlParser.FileContext tree;
        try {
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            tree = parser.file();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new BoundedRecovery());
            SyntaxErrors errors = new SyntaxErrors(fileName);
            parser.addErrorListener(errors);
            try {
                tree = parser.file(); // SLL can fail where full LL succeeds; then this is the parse
            } catch (ParseCancellationException tooManyErrors) {
                errors.problems.add(Problem.of(fileName, parser.getCurrentToken().getLine(), parser.getCurrentToken().getCharPositionInLine() + 1,
                        "more syntax errors follow; they are not shown", "fix the ones above and check again"));
                tree = null;
            }
            if (!errors.problems.isEmpty() || tree == null) {
                return new ParseOutcome.Rejected(errors.problems);
            }
        }
        JdlCollector collector = new JdlCollector(fileName, tokens);
        JdlModel model = collector.collect(tree);
        if (!collector.problems().isEmpty()) {
            return new ParseOutcome.Rejected(collector.problems());
        }
        return new JdlMapper(fileName, JdlMapper.stem(fileName), model).map();
    }

    /**
     * ANTLR's recovery, stopped after {@link #MAX_SYNTAX_ERRORS} recoveries: while recovering it reports nothing, so a
     * flood of errors that never lets it match a token again would otherwise be walked token by token to the end.
     */
    private static final class BoundedRecovery extends DefaultErrorStrategy {
        private int recoveries;

        private void count() {
            if (++recoveries > MAX_SYNTAX_ERRORS) {
                throw new ParseCancellationException("too many syntax errors");
            }
        }

        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            count();
            super.recover(recognizer, e);
        }

        @Override
        public Token recoverInline(Parser recognizer) {
            count();
            return super.recoverInline(recognizer);
        }

        @Override
        public void sync(Parser recognizer) {
            if (inErrorRecoveryMode(recognizer)) {
                count();
            }
            super.sync(recognizer);
        }
    }

    /** Collects syntax errors and stops the parse after {@link #MAX_SYNTAX_ERRORS}. */
    private static final class SyntaxErrors extends BaseErrorListener {
        private final String file;
        private final List<Problem> problems = new ArrayList<>();

        SyntaxErrors(String file) {
            this.file = file;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg, RecognitionException e) {
            if (problems.size() >= MAX_SYNTAX_ERRORS) {
                throw new ParseCancellationException("too many syntax errors");
            }
            problems.add(Problem.of(file, line, column + 1, "JDL syntax error: " + readable(msg),
                    "check this line and the one before it for a missing '{', '}', ',' or a misspelt keyword"));
        }
    }

    private static String readable(String antlrMessage) {
        String m = antlrMessage.length() > 300 ? antlrMessage.substring(0, 300) + "..." : antlrMessage;
        return m.replace("IDENT", "a name").replace("<EOF>", "end of file").replace("ERROR_CHAR", "an unexpected character")
                .replace("INT", "a number").replace("DECIMAL", "a number").replace("STRING", "a string").replace("PATTERN", "a /regex/");
    }
}
