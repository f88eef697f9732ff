package com.connectsoft.factory.tenancy.adapter.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web app's Entra ID sign-in settings: off unless set, only with token validation on, refused clearly when wrong. */
class BrowserSignInTest {
    static final String SPA = "11111111-2222-3333-4444-555555555555";
    static final String API = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    @Test
    void withoutTheSpaClientIdTheWebAppOffersApiKeysOnly() {
        assertEquals(Optional.empty(), BrowserSignIn.from(Map.of()));
        assertEquals(Optional.empty(), BrowserSignIn.from(Map.of(EntraSettings.AUDIENCE, API, BrowserSignIn.CLIENT_ID, "  ")));
    }

    @Test
    void theScopeDefaultsToTheApisFirstAudienceAndTheAuthorityToOrganizations() {
        BrowserSignIn b = BrowserSignIn.from(Map.of(EntraSettings.AUDIENCE, API + ",api://factory", BrowserSignIn.CLIENT_ID, SPA)).orElseThrow();
        assertEquals(new BrowserSignIn(SPA, BrowserSignIn.DEFAULT_AUTHORITY, List.of("api://" + API + "/.default")), b);
        BrowserSignIn uri = BrowserSignIn.from(Map.of(EntraSettings.AUDIENCE, "api://factory/", BrowserSignIn.CLIENT_ID, SPA,
                BrowserSignIn.AUTHORITY, "https://login.microsoftonline.com/" + API + "/")).orElseThrow();
        assertEquals(List.of("api://factory/.default"), uri.scopes());
        assertEquals("https://login.microsoftonline.com/" + API, uri.authority());
        assertEquals(List.of("api://factory/Runs.Start", "offline_access"), BrowserSignIn.from(Map.of(EntraSettings.AUDIENCE, API,
                BrowserSignIn.CLIENT_ID, SPA, BrowserSignIn.SCOPES, "api://factory/Runs.Start, offline_access")).orElseThrow().scopes());
    }

    @Test
    void aSpaClientIdWithoutTokenValidationIsRefusedSinceTheApiWouldRefuseItsTokens() {
        var e = assertThrows(IllegalArgumentException.class, () -> BrowserSignIn.from(Map.of(BrowserSignIn.CLIENT_ID, SPA)));
        assertTrue(e.getMessage().contains(EntraSettings.AUDIENCE), e.getMessage());
    }

    @Test
    void wrongValuesAreRefusedSayingWhichSettingAndHowToFixIt() {
        Map<String, String> base = Map.of(EntraSettings.AUDIENCE, API);
        assertRefused(with(base, BrowserSignIn.CLIENT_ID, "my-app"), BrowserSignIn.CLIENT_ID);
        assertRefused(with(with(base, BrowserSignIn.CLIENT_ID, SPA), BrowserSignIn.AUTHORITY, "http://login.example/x"), BrowserSignIn.AUTHORITY);
        assertRefused(with(with(base, BrowserSignIn.CLIENT_ID, SPA), BrowserSignIn.AUTHORITY, "https://login.example/x?y=1"), BrowserSignIn.AUTHORITY);
        assertRefused(with(with(base, BrowserSignIn.CLIENT_ID, SPA), BrowserSignIn.SCOPES, "a\"b"), BrowserSignIn.SCOPES);
        assertRefused(with(with(base, BrowserSignIn.CLIENT_ID, SPA), BrowserSignIn.SCOPES, "s ".repeat(11)), BrowserSignIn.SCOPES);
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        var copy = new java.util.HashMap<>(m);
        copy.put(k, v);
        return copy;
    }

    private static void assertRefused(Map<String, String> settings, String setting) {
        var e = assertThrows(IllegalArgumentException.class, () -> BrowserSignIn.from(settings));
        assertTrue(e.getMessage().startsWith(setting + " "), e.getMessage());
    }
}
