package com.connectsoft.factory.template.application;

import com.connectsoft.factory.template.domain.TemplatePackage;
import java.util.List;
import java.util.Optional;

/** The governed templates the factory may render. Only registered, versioned packages are ever used. */
public interface TemplateCatalog {
    List<TemplatePackage> all();

    Optional<TemplatePackage> find(String id, String version);

    /** The highest version of {@code id}. */
    Optional<TemplatePackage> latest(String id);
}
