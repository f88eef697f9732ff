package com.connectsoft.extensions.runtime.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.connectsoft.extensions.runtime.data.Committed;
import com.connectsoft.extensions.runtime.data.ConflictException;
import com.connectsoft.extensions.runtime.data.Page;
import com.connectsoft.extensions.runtime.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result values keep their own copies; page sizes are read from a request's limit. */
class OutcomeTest {
    @Test
    void refusalsKeepACopyOfTheirErrors() {
        List<FieldError> errors = new ArrayList<>(List.of(new FieldError("a", "required", "a is required")));
        Outcome.Invalid<String> invalid = new Outcome.Invalid<>(errors);
        Outcome.Unprocessable<String> unprocessable = new Outcome.Unprocessable<>("r", errors);
        errors.clear();
        assertEquals(1, invalid.errors().size());
        assertEquals(1, unprocessable.errors().size());
        assertThrows(UnsupportedOperationException.class, () -> invalid.errors().clear());
        assertEquals(List.of(), new Outcome.Unprocessable<String>("r").errors());
        assertEquals("r", new Outcome.Unprocessable<String>("r").reason());
    }

    @Test
    void committedKeepsACopyOfItsEvents() {
        List<com.connectsoft.extensions.runtime.events.DomainEvent> events = new ArrayList<>();
        Committed<String> c = new Committed<>("x", 2, events);
        assertThrows(UnsupportedOperationException.class, () -> c.events().add(null));
        assertEquals(2, c.version());
    }

    @Test
    void aConflictSaysWhetherAPreconditionFailed() {
        assertEquals(true, new ConflictException("stale", true).preconditionFailed());
        assertEquals(false, new ConflictException("dup", false).preconditionFailed());
        assertEquals("dup", new ConflictException("dup", false).getMessage());
    }

    @Test
    void theLimitIsTheDefaultUnlessAWholeNumberIsGivenAndIsClamped() {
        assertEquals(20, Page.limit(null, 20, 100));
        assertEquals(20, Page.limit("abc", 20, 100));
        assertEquals(20, Page.limit("1.5", 20, 100));
        assertEquals(7, Page.limit("7", 20, 100));
        assertEquals(7, Page.limit(" 7 ", 20, 100));
        assertEquals(1, Page.limit("0", 20, 100));
        assertEquals(1, Page.limit("-5", 20, 100));
        assertEquals(100, Page.limit("100", 20, 100));
        assertEquals(100, Page.limit("101", 20, 100));
        assertEquals(1, Page.limit("1", 20, 100));
    }
}
