package com.connectsoft.factory.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.connectsoft.factory.blueprint.adapter.yaml.YamlBlueprintReader;
import com.connectsoft.factory.blueprint.domain.DomainEvent;
import com.connectsoft.factory.blueprint.domain.ParseOutcome;
import com.connectsoft.factory.blueprint.domain.Problem;
import com.connectsoft.factory.generation.application.FactoryVersions;
import com.connectsoft.factory.generation.application.JavaModuleModel;
import com.connectsoft.factory.generation.application.RenderModule;
import com.connectsoft.factory.generation.application.TemplateRenderer;
import com.connectsoft.factory.run.TestFactory;
import com.connectsoft.factory.template.adapter.filesystem.FileSystemTemplateCatalog;
import com.connectsoft.factory.template.adapter.mustache.MustacheEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events that fire only when their trigger field changed ({@code whenChanged}) and carry values only when marked. */
class EventTriggersTest {
    private static final String HEAD = """
            product: { name: Clinic }
            modules:
              - name: scheduling
                entities:
                  - name: Appointment
                    fields:
                      - { name: startsAt, type: instant, required: true }
                      - { name: reason, type: string }
                    relationships:
                      - { name: patient, kind: many-to-one, target: Patient }
                  - name: Patient
                events:
            """;
    private final YamlBlueprintReader reader = new YamlBlueprintReader();

    private ParseOutcome read(String events) {
        return reader.read("e.blueprint.yaml", (HEAD + events).getBytes(StandardCharsets.UTF_8));
    }

    private Problem only(String events) {
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, read(events), "expected a rejection");
        assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
        return r.problems().get(0);
    }

    @Test
    void whenChangedAndIncludesPersonalDataAreRead() {
        ParseOutcome o = read("""
                      - { name: AppointmentRescheduled, entity: Appointment, on: updated, whenChanged: [startsAt, patient] }
                      - { name: AppointmentBooked, entity: Appointment, on: created, includesPersonalData: true }
                      - { name: AppointmentChanged, entity: Appointment, on: updated }
                """);
        List<DomainEvent> events = assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString).blueprint().modules().get(0).events();
        assertEquals(List.of("startsAt", "patient"), events.get(0).whenChanged());
        assertFalse(events.get(0).includesPersonalData());
        assertTrue(events.get(1).includesPersonalData());
        assertEquals(List.of(), events.get(2).whenChanged());
    }

    @Test
    void anEventNamedLikeAGeneratedCrudEventIsRejectedForEveryEntityOfTheModuleAndIgnoringCase() {
        for (String name : List.of("AppointmentCreated", "AppointmentUpdated", "AppointmentDeleted", "PatientCreated", "Patientdeleted")) {
            Problem p = only("      - { name: " + name + ", entity: Appointment, on: created }\n");
            assertTrue(p.message().contains("event '" + name + "' is the name of the event the generated module publishes itself"), p::render);
            assertEquals(13, p.line(), p::render);
            assertTrue(p.hint().orElseThrow().contains("name the domain event after what happened"), p::render);
        }
        Problem p = only("      - { name: PatientUpdated, entity: Appointment, on: updated }\n");
        assertTrue(p.message().contains("when a Patient is updated"), p::render);
        assertTrue(p.hint().orElseThrow().contains("'PatientRescheduled'"), p::render);
        // names that merely contain an entity and a verb are the domain's own
        for (String name : List.of("AppointmentCreatedLate", "AppointmentsCreated", "ClinicCreated", "AppointmentCancelled")) {
            ParseOutcome o = read("      - { name: " + name + ", entity: Appointment, on: created }\n");
            assertInstanceOf(ParseOutcome.Accepted.class, o, () -> name + ": " + o);
        }
    }

    @Test
    void anUnknownTriggerFieldIsRejectedWithTheClosestName() {
        Problem p = only("""
                      - { name: AppointmentRescheduled, entity: Appointment, on: updated, whenChanged: [startAt] }
                """);
        assertTrue(p.message().contains("watches 'startAt', which is not a field"), p::render);
        assertTrue(p.hint().orElseThrow().contains("did you mean 'startsAt'"), p::render);
        assertEquals(13, p.line(), p::render);
    }

    @Test
    void whenChangedOnACreatedEventIsRejected() {
        Problem p = only("""
                      - { name: AppointmentBooked, entity: Appointment, on: created, whenChanged: [startsAt] }
                """);
        assertTrue(p.message().contains("has whenChanged but fires on created"), p::render);
        assertTrue(p.hint().orElseThrow().contains("on: updated"), p::render);
    }

    @Test
    void theSchemaRefusesAnEmptyListAndAWrongType() {
        assertInstanceOf(ParseOutcome.Rejected.class, read("""
                      - { name: AppointmentRescheduled, entity: Appointment, on: updated, whenChanged: [] }
                """));
        assertInstanceOf(ParseOutcome.Rejected.class, read("""
                      - { name: AppointmentBooked, entity: Appointment, on: created, includesPersonalData: maybe }
                """));
        Problem typo = only("""
                      - { name: AppointmentBooked, entity: Appointment, on: created, includesPersonalDta: true }
                """);
        assertTrue(typo.hint().orElseThrow().contains("includesPersonalData"), typo::render);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theModelNamesTheGeneratedMembersToWatch() {
        ParseOutcome o = read("""
                      - { name: AppointmentRescheduled, entity: Appointment, on: updated, whenChanged: [startsAt, patient] }
                      - { name: AppointmentBooked, entity: Appointment, on: created, includesPersonalData: true }
                """);
        var bp = assertInstanceOf(ParseOutcome.Accepted.class, o, o::toString).blueprint();
        FileSystemTemplateCatalog catalog = new FileSystemTemplateCatalog(TestFactory.ROOT.resolve("templates"));
        RenderModule render = new RenderModule(new TemplateRenderer(new MustacheEngine(), catalog), FactoryVersions.load());
        JavaModuleModel.Outcome model = render.model(bp, bp.modules().get(0),
                catalog.latest("ConnectSoft.Template.FunctionsMicroservice").orElseThrow());
        Map<String, Object> m = assertInstanceOf(JavaModuleModel.Outcome.Ok.class, model, model::toString).built().model();
        Map<String, Object> appointment = ((List<Map<String, Object>>) m.get("entities")).get(0);
        Map<String, Object> rescheduled = ((List<Map<String, Object>>) appointment.get("onUpdated")).get(0);
        assertEquals(List.of("startsAt", "patientId"), rescheduled.get("whenChanged"));
        assertEquals(true, rescheduled.get("hasWhenChanged"));
        assertEquals(false, rescheduled.get("includesPersonalData"));
        assertEquals(true, ((List<Map<String, Object>>) appointment.get("onCreated")).get(0).get("includesPersonalData"));
        List<Map<String, Object>> members = (List<Map<String, Object>>) appointment.get("members");
        assertEquals(List.of(false, false, true), members.stream().map(x -> x.get("reference")).toList());
    }
}
