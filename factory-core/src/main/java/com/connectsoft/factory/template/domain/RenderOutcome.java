package com.connectsoft.factory.template.domain;

import java.util.List;

/** Rendering either yields files, or is refused with reasons (bad parameters, unsafe paths, template errors). */
public sealed interface RenderOutcome {
    record Rendered(List<RenderedFile> files) implements RenderOutcome {
        public Rendered {
            files = List.copyOf(files);
        }
    }

    record Refused(List<String> reasons) implements RenderOutcome {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }
}
