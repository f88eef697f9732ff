package com.connectsoft.factory.template.domain;

import java.util.List;
import java.util.Optional;

/** The governed templates the factory may render. Only registered, versioned packages are ever used. */
public interface TemplateCatalog {
    List<TemplatePackage> all();

    Optional<TemplatePackage> find(String id, String version);

    /** The highest version of {@code id}. */
    Optional<TemplatePackage> latest(String id);

    /** The source text of one of a registered package's files. */
    String read(TemplatePackage pkg, TemplateFile file);

    /** Why new runs may not use this version (it failed its verification, or changed since it was verified), if they may not. */
    default Optional<String> refusal(TemplatePackage pkg) {
        return Optional.empty();
    }
}
