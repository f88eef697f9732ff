package com.connectsoft.factory.governance.domain;

import com.connectsoft.factory.template.domain.RenderedFile;
import java.util.List;

/** A check on generated output. Pure: it reads the rendered files and decides; it never changes them. */
public interface GovernanceCheck {
    String id();

    CheckResult evaluate(String moduleId, List<RenderedFile> files);
}
