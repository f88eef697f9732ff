package com.connectsoft.factory.blueprint.domain;

import com.connectsoft.factory.blueprint.domain.BlueprintReader;
import com.connectsoft.factory.blueprint.domain.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The checks every input file gets before it is parsed: a size limit and UTF-8 text. */
public final class Inputs {
    /** The text of the input, or the problem that stops it from being read. */
    public sealed interface Text {
        record Ok(String text) implements Text {
        }

        record Bad(Problem problem) implements Text {
        }
    }

    private Inputs() {
    }

    public static Text decode(String file, byte[] content) {
        if (content.length > BlueprintReader.MAX_BYTES) {
            return new Text.Bad(Problem.of(file, 1, 1, "the file is " + content.length + " bytes; inputs are limited to "
                    + BlueprintReader.MAX_BYTES + " bytes", "split the product into several files"));
        }
        try {
            return new Text.Ok(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return new Text.Bad(Problem.of(file, 1, 1, "the file is not valid UTF-8 text", "save it as UTF-8"));
        }
    }
}
