package com.connectsoft.factory.blueprint.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.adapter.jdl.JdlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.Blueprint;
import com.connectsoft.factory.blueprint.domain.Entity;
import com.connectsoft.factory.blueprint.domain.Field;
import com.connectsoft.factory.blueprint.domain.FieldType;
import com.connectsoft.factory.blueprint.domain.Module;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.blueprint.domain.Relationship;
import com.connectsoft.factory.blueprint.domain.RelationshipKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The JDL import: each construct of the language, its mapping, and what is reported instead of dropped. */
class JdlImportTest {
    private final JdlBlueprintReader reader = new JdlBlueprintReader();

    private ParseOutcome.Accepted accept(String jdl) {
        ParseOutcome o = reader.read("app.jdl", jdl.getBytes(StandardCharsets.UTF_8));
        if (o instanceof ParseOutcome.Rejected r) {
            throw new AssertionError(r.problems().stream().map(Problem::render).collect(Collectors.joining("\n")));
        }
        return (ParseOutcome.Accepted) o;
    }

    private List<Problem> reject(String jdl) {
        return assertInstanceOf(ParseOutcome.Rejected.class, reader.read("app.jdl", jdl.getBytes(StandardCharsets.UTF_8))).problems();
    }

    private static Entity entity(Blueprint bp, String name) {
        return bp.modules().stream().flatMap(m -> m.entities().stream()).filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private static Field field(Entity e, String name) {
        return e.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static Relationship rel(Entity e, String name) {
        return e.relationships().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean warned(ParseOutcome.Accepted a, String part) {
        return a.warnings().stream().anyMatch(w -> w.message().contains(part));
    }

    @Test
    void everyFieldTypeAndValidationIsMapped() {
        Blueprint bp = accept("""
                MAX = 40
                enum Level { LOW, HIGH (high-level) }
                entity Everything {
                  s String required unique minlength(2) maxlength(MAX) pattern(/^[a-z\\/]+$/)
                  i Integer min(0) max(10), l Long, d BigDecimal min(0.5), f Float, db Double, b Boolean
                  ld LocalDate, z ZonedDateTime, t Instant, du Duration, u UUID
                  bl Blob maxbytes(1024), ab AnyBlob, img ImageBlob minbytes(1), tb TextBlob, lv Level required
                }
                """).blueprint();
        Entity e = entity(bp, "Everything");
        Field s = field(e, "s");
        assertEquals(FieldType.STRING, s.type());
        assertTrue(s.required() && s.unique());
        assertEquals(Optional.of(2), s.minLength());
        assertEquals(Optional.of(40), s.maxLength());
        assertEquals(Optional.of("^[a-z/]+$"), s.pattern());
        assertEquals(Optional.of(BigDecimal.TEN), field(e, "i").max());
        assertEquals(FieldType.LONG, field(e, "l").type());
        assertEquals(Optional.of(new BigDecimal("0.5")), field(e, "d").min());
        for (String dec : List.of("d", "f", "db")) {
            assertEquals(FieldType.DECIMAL, field(e, dec).type());
        }
        assertEquals(FieldType.BOOLEAN, field(e, "b").type());
        assertEquals(FieldType.DATE, field(e, "ld").type());
        assertEquals(FieldType.INSTANT, field(e, "z").type());
        assertEquals(FieldType.INSTANT, field(e, "t").type());
        assertEquals(FieldType.STRING, field(e, "du").type());
        assertEquals(Optional.of("PT15M"), field(e, "du").example());
        assertEquals(FieldType.UUID, field(e, "u").type());
        assertEquals(Optional.of(1024), field(e, "bl").maxLength());
        assertEquals(Optional.of(1), field(e, "img").minLength());
        assertEquals(FieldType.BLOB, field(e, "ab").type());
        assertEquals(FieldType.TEXT, field(e, "tb").type());
        Field lv = field(e, "lv");
        assertEquals(FieldType.ENUM, lv.type());
        assertEquals(List.of("LOW", "HIGH"), lv.values());
        assertTrue(lv.description().orElseThrow().contains("HIGH(high-level)"));
    }

    @Test
    void applicationsBecomeModulesAndCrossModuleRelationshipsAreIdReferences() {
        ParseOutcome.Accepted a = accept("""
                application { config { baseName shop, applicationType gateway, packageName com.acme.shop, serverPort 8080 } entities * }
                application { config { baseName billing, applicationType microservice } entities Invoice, Payment }
                application { config { baseName mail, applicationType microservice } entities * except Invoice, Payment, Order, Customer }
                entity Customer { name String required }
                entity Order { total BigDecimal }
                entity Invoice { number String }
                entity Payment { amount BigDecimal }
                entity Notice { text String }
                relationship ManyToOne { Invoice{customer required} to Customer, Order{customer(name)} to Customer }
                """);
        Blueprint bp = a.blueprint();
        assertEquals("shop", bp.product().name());
        assertEquals("com.acme.shop", bp.product().javaPackage());
        assertEquals(List.of("shop", "billing", "mail"), bp.modules().stream().map(Module::name).toList());
        assertEquals(Optional.of("com.acme.shop"), bp.modules().get(0).javaPackage(), "an application's packageName is kept");
        assertEquals(Optional.empty(), bp.modules().get(1).javaPackage(), "without one, the module goes under the product package");
        assertEquals(List.of("Customer", "Order"), bp.modules().get(0).entities().stream().map(Entity::name).toList());
        assertEquals(List.of("Invoice", "Payment"), bp.modules().get(1).entities().stream().map(Entity::name).toList());
        assertEquals(List.of("Notice"), bp.modules().get(2).entities().stream().map(Entity::name).toList());
        Relationship toCustomer = rel(entity(bp, "Invoice"), "customer");
        assertEquals(RelationshipKind.MANY_TO_ONE, toCustomer.kind());
        assertEquals("shop", bp.moduleOf(toCustomer.target()).orElseThrow().name(), "a reference into another module");
        assertTrue(toCustomer.required());
        assertTrue(rel(entity(bp, "Order"), "customer").description().orElseThrow().contains("name"), "the display field is kept");
        assertTrue(warned(a, "config ignored: serverPort"));
    }

    @Test
    void theMicroserviceOptionAssignsEntitiesAndEntitiesInNoApplicationShareOneModule() {
        Blueprint bp = accept("""
                entity A { x String }
                entity B { y String }
                entity C { z String }
                microservice A, B with inventory
                """).blueprint();
        assertEquals(List.of("inventory", "app"), bp.modules().stream().map(Module::name).toList());
        assertEquals(List.of("C"), bp.modules().get(1).entities().stream().map(Entity::name).toList());
    }

    @Test
    void allFourRelationshipKindsSeveralPerBlockWithInjectedNamesAndBuiltInUser() {
        ParseOutcome.Accepted a = accept("""
                entity Author { name String }
                entity Book { title String }
                entity Tag { label String }
                entity Profile { bio TextBlob }
                relationship OneToMany {
                  Author{book} to Book{writer(name) required},
                  Author to Profile
                }
                relationship ManyToMany { Book{tag(label)} to Tag{book} }
                relationship OneToOne { Profile{owner required} to User with builtInEntity }
                relationship ManyToOne { Book{editor} to User }
                """);
        Blueprint bp = a.blueprint();
        Entity author = entity(bp, "Author");
        assertEquals(RelationshipKind.ONE_TO_MANY, rel(author, "book").kind());
        assertEquals(RelationshipKind.ONE_TO_MANY, rel(author, "profile").kind(), "default injected name");
        Relationship writer = rel(entity(bp, "Book"), "writer");
        assertEquals(RelationshipKind.MANY_TO_ONE, writer.kind());
        assertEquals("Author", writer.target());
        assertTrue(writer.required());
        assertEquals(RelationshipKind.MANY_TO_ONE, rel(entity(bp, "Profile"), "author").kind(), "inverse named after the source");
        assertEquals(RelationshipKind.MANY_TO_MANY, rel(entity(bp, "Book"), "tag").kind());
        Field owner = field(entity(bp, "Profile"), "ownerId");
        assertTrue(owner.required());
        assertEquals(FieldType.STRING, owner.type());
        assertTrue(field(entity(bp, "Book"), "editorId").description().orElseThrow().contains("User"));
        assertTrue(warned(a, "references to built-in entities become id fields"));
        assertTrue(warned(a, "inverse sides are not stored"));
    }

    @Test
    void commentsAndJavadocBecomeDescriptions() {
        Blueprint bp = accept("""
                /* a section header, not a description */

                /**
                 * A book on the shelf.
                 */
                entity Book {
                  /** The title as printed. */
                  title String required
                  // the ISBN-13
                  isbn String
                  pages Integer // counted by hand
                }
                """).blueprint();
        Entity book = entity(bp, "Book");
        assertEquals(Optional.of("A book on the shelf."), book.description());
        assertEquals(Optional.of("The title as printed."), field(book, "title").description());
        assertEquals(Optional.of("the ISBN-13"), field(book, "isbn").description());
        assertEquals(Optional.of("counted by hand"), field(book, "pages").description());
    }

    @Test
    void optionsAnnotationsDeploymentsAndTableNamesAreReportedNotDropped() {
        ParseOutcome.Accepted a = accept("""
                @readOnly
                entity Book(book_table) { title String }
                entity Shelf { name String }
                dto * with mapstruct except Shelf
                service Book with serviceClass
                paginate Book with infinite-scroll
                skipClient *
                deployment { deploymentType kubernetes, appsFolders [a, b] }
                """);
        assertTrue(warned(a, "option 'dto with mapstruct'"));
        assertTrue(warned(a, "option 'service with serviceClass'"));
        assertTrue(warned(a, "option 'skipClient'"));
        assertTrue(warned(a, "entity annotations have no meaning here: @readOnly on Book"));
        assertTrue(warned(a, "table names are not used"));
        assertTrue(warned(a, "deployment 'kubernetes' is not applicable"));
        assertTrue(a.warnings().stream().noneMatch(w -> w.message().contains("paginate")), "paging is what the API does");
        a.warnings().forEach(w -> assertTrue(w.line() > 0 && w.column() > 0));
    }

    @Test
    void constructsSeenInRealJdlFilesAreAccepted() {
        ParseOutcome.Accepted a = accept("""
                application {
                  config {
                    baseName rental // the name
                    reactive true
                    packageName com.example.rental
                    applicationType monolith
                  }
                  entities *
                  use mapstruct, elasticsearch
                }
                LIMIT = 20
                entity Property {
                  description String required min(10) max(LIMIT)
                  image ImageBlob
                }
                @embedded
                entity Image { url String }
                entity Client { email String }
                entity Lease { start LocalDate }
                enum Kind {
                  /** a whole house */
                  house,
                  Flat_Share
                }
                entity Listing { kind Kind }
                relationship OneToMany { Property to Image }
                relationship OneToOne {
                  Lease{Client(email)} to
                  /** the tenant who signs */
                  Client
                }
                paginate Property, Product with pagination
                service all with serviceImpl except Client
                """);
        Blueprint bp = a.blueprint();
        Field description = field(entity(bp, "Property"), "description");
        assertEquals(Optional.of(10), description.minLength());
        assertEquals(Optional.of(20), description.maxLength());
        assertEquals(RelationshipKind.ONE_TO_MANY, rel(entity(bp, "Property"), "image").kind(), "a one-to-many side may share a field's name");
        assertEquals(RelationshipKind.ONE_TO_ONE, rel(entity(bp, "Lease"), "Client").kind());
        assertTrue(warned(a, "min/max on text fields are read as minlength/maxlength"));
        assertTrue(warned(a, "option 'paginate' names 'Product', which is not a declared entity"));
        assertTrue(warned(a, "entity annotations have no meaning here: @embedded on Image"));
        assertTrue(warned(a, "enum values are exchanged as Java constants: Kind house→HOUSE Flat_Share→FLAT_SHARE"));
        assertTrue(warned(a, "option 'service with serviceImpl'"));
        assertTrue(warned(a, "use mapstruct, elasticsearch has no meaning"));
        assertEquals(Optional.of("HOUSE: a whole house."), field(entity(bp, "Listing"), "kind").description());
    }

    @Test
    void syntaxErrorsAreLocated() {
        Problem p = reject("entity Book {\n  title String required\n  pages Integer min(\n}\n").get(0);
        assertEquals("app.jdl", p.file());
        assertEquals(4, p.line());
        assertTrue(p.message().startsWith("JDL syntax error"), p.render());
    }

    @Test
    void unknownTypesKindsValidationsAndEntitiesAreLocatedWithSuggestions() {
        Problem type = reject("entity Book {\n  title Strin required\n}\n").get(0);
        assertEquals(2, type.line());
        assertEquals(9, type.column());
        assertTrue(type.message().contains("unknown field type 'Strin'"), type.render());
        assertTrue(type.hint().orElseThrow().contains("did you mean 'String'"));

        Problem kind = reject("entity A {}\nentity B {}\nrelationship ManyToOnes { A to B }\n").get(0);
        assertTrue(kind.message().contains("unknown relationship kind 'ManyToOnes'"), kind.render());
        assertEquals(3, kind.line());

        Problem validation = reject("entity A { x String maxlenght(3) }\n").get(0);
        assertTrue(validation.hint().orElseThrow().contains("did you mean 'maxlength'"), validation.render());

        Problem target = reject("entity Book {}\nrelationship ManyToOne { Book{shelf} to Shelve }\n").get(0);
        assertTrue(target.message().contains("unknown entity 'Shelve'"), target.render());
        assertEquals(2, target.line());

        Problem listed = reject("application { config { baseName a } entities Bok }\nentity Book {}\n").get(0);
        assertTrue(listed.message().contains("'Bok' is not a declared entity"), listed.render());

        Problem option = reject("entity A {}\npaginat A with pagination\n").get(0);
        assertTrue(option.hint().orElseThrow().contains("did you mean 'paginate'"), option.render());
    }

    @Test
    void theBlueprintRulesApplyWithJdlPositions() {
        Problem p = reject("entity Book {\n  title String\n  Title String\n}\n").get(0);
        assertEquals(3, p.line());
        assertTrue(p.message().contains("collides with field 'title'"), p.render());
        Problem reserved = reject("entity Book {\n  class String\n}\n").get(0);
        assertEquals(2, reserved.line());
        assertTrue(reserved.message().contains("Java reserved word"), reserved.render());
    }

    @Test
    void emptyOrOversizedJdlIsRejected() {
        assertTrue(reject("// nothing\n").get(0).message().contains("declares no entities and no applications"));
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertTrue(((ParseOutcome.Rejected) reader.read("big.jdl", big)).problems().get(0).message().contains("limited to"));
    }

    @Test
    void anApplicationWithoutEntitiesIsAServiceSkeleton() {
        ParseOutcome.Accepted a = accept("application {\n  config {\n    baseName jhipster\n    applicationType monolith\n"
                + "    packageName com.mycompany.myapp\n  }\n}\n");
        assertEquals(1, a.blueprint().modules().size());
        assertEquals("jhipster", a.blueprint().modules().get(0).name());
        assertTrue(a.blueprint().modules().get(0).entities().isEmpty());
        assertEquals(Optional.of("com.mycompany.myapp"), a.blueprint().modules().get(0).javaPackage());
        assertTrue(a.warnings().stream().anyMatch(w -> w.message().contains("service skeleton") && w.line() == 1), a.warnings().toString());
    }

    @Test
    void aGatewayWhoseEntitiesLiveInMicroservicesGetsNoModuleButAMicroserviceWithoutEntitiesDoes() {
        ParseOutcome.Accepted a = accept("""
                application { config { baseName store applicationType gateway } entities Product }
                application { config { baseName catalog applicationType microservice } entities Product }
                application { config { baseName notifications applicationType microservice } }
                entity Product { name String }
                """);
        assertEquals(List.of("catalog", "notifications"), a.blueprint().modules().stream().map(m -> m.name()).toList());
        assertTrue(a.blueprint().modules().get(1).entities().isEmpty());
        assertTrue(a.warnings().stream().anyMatch(w -> w.message().contains("'store' (gateway) has no entities of its own")),
                a.warnings().toString());
    }
}
