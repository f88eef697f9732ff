package com.connectsoft.factory.blueprint.adapter.jdl;

import com.connectsoft.factory.blueprint.application.BlueprintReader;
import com.connectsoft.factory.blueprint.application.Inputs;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/** Imports JHipster JDL ({@code .jdl}, {@code .jh}) wherever a blueprint is accepted. */
public final class JdlBlueprintReader implements BlueprintReader {

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
        List<Problem> syntax = new ArrayList<>();
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg, RecognitionException e) {
                syntax.add(Problem.of(fileName, line, column + 1, "JDL syntax error: " + readable(msg),
                        "check this line and the one before it for a missing '{', '}', ',' or a misspelt keyword"));
            }
        };
        JdlLexer lexer = new JdlLexer(CharStreams.fromString(((Inputs.Text.Ok) decoded).text(), fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        JdlParser parser = new JdlParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        JdlParser.FileContext tree = parser.file();
        if (!syntax.isEmpty()) {
            return new ParseOutcome.Rejected(syntax);
        }
        JdlCollector collector = new JdlCollector(fileName, tokens);
        JdlModel model = collector.collect(tree);
        if (!collector.problems().isEmpty()) {
            return new ParseOutcome.Rejected(collector.problems());
        }
        return new JdlMapper(fileName, JdlMapper.stem(fileName), model).map();
    }

    private static String readable(String antlrMessage) {
        return antlrMessage.replace("IDENT", "a name").replace("<EOF>", "end of file").replace("ERROR_CHAR", "an unexpected character")
                .replace("INT", "a number").replace("DECIMAL", "a number").replace("STRING", "a string").replace("PATTERN", "a /regex/");
    }
}
