package com.connectsoft.factory.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.governance.domain.CheckResult;
import com.connectsoft.factory.governance.domain.DependencyAllowlistCheck;
import com.connectsoft.factory.run.vocabulary.Decision;
import com.connectsoft.factory.template.domain.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A generated Dockerfile's base images are dependencies too: on the allowlist and pinned. */
class DockerfileAllowlistTest {
    private static final String POM = "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>"
            + "</dependencies></project>";
    private final DependencyAllowlistCheck check = new DependencyAllowlistCheck("9.9.9", List.of("g:a", "image:mcr.microsoft.com/openjdk/jdk"));

    private CheckResult evaluate(String dockerfile) {
        return check.evaluate("m", List.of(new RenderedFile("pom.xml", POM.getBytes(StandardCharsets.UTF_8)),
                new RenderedFile("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anAllowedPinnedBaseImagePasses() {
        assertEquals(Decision.Allow, evaluate("FROM mcr.microsoft.com/openjdk/jdk:17-distroless\nCOPY a b\n").decision());
        assertEquals(Decision.Allow, evaluate("from --platform=linux/amd64 mcr.microsoft.com/openjdk/jdk@sha256:abc AS run\n").decision());
        assertEquals(Decision.Allow, evaluate("FROM mcr.microsoft.com/openjdk/jdk:17 AS base\nFROM base\n").decision(),
                "an earlier stage is not an image");
    }

    @Test
    void anUnlistedOrUnpinnedBaseImageIsDenied() {
        CheckResult other = evaluate("FROM docker.io/library/ubuntu:24.04\n");
        assertEquals(Decision.Deny, other.decision());
        assertTrue(other.reasons().get(0).contains("Dockerfile:1: base image docker.io/library/ubuntu is not on the dependency allowlist 9.9.9"),
                other.reasons().toString());
        CheckResult latest = evaluate("# comment\nFROM mcr.microsoft.com/openjdk/jdk:latest\n");
        assertTrue(latest.reasons().get(0).contains("Dockerfile:2: base image mcr.microsoft.com/openjdk/jdk is not pinned"), latest.reasons().toString());
        assertEquals(Decision.Deny, evaluate("FROM mcr.microsoft.com/openjdk/jdk\n").decision());
        assertEquals(Decision.Deny, evaluate("FROM --platform=linux/amd64\n").decision());
        assertEquals(Decision.Deny, evaluate("FROM mcr.microsoft.com/openjdk/jdk:17 AS base\nFROM evil.example/base:1\n").decision());
    }
}
