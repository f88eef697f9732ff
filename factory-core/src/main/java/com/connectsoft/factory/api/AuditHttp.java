package com.connectsoft.factory.api;

import com.connectsoft.factory.api.FactoryApi.Request;
import com.connectsoft.factory.api.FactoryApi.Response;
import com.connectsoft.factory.app.Factory;
import com.connectsoft.factory.audit.application.AuditQueries;
import com.connectsoft.factory.audit.domain.AuditChain;
import com.connectsoft.factory.shared.domain.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/v1/audit[?limit=]}: the caller's tenant's newest audit entries; {@code GET /api/v1/audit/verify}: the chain's state. */
final class AuditHttp {
    private AuditHttp() {
    }

    static Response list(Factory app, Request r, TenantId tenant) {
        int limit = FactoryApi.wholeQuery(r, "limit", 1, AuditQueries.MAX_LIMIT, 50);
        return Response.json(200, Map.of("items", app.audit().queries().latest(tenant, limit)));
    }

    static Response verify(Factory app, TenantId tenant) {
        AuditChain.Verification v = app.audit().queries().verify(tenant);
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof AuditChain.Verification.Intact ok) {
            out.put("intact", true);
            out.put("entries", ok.entries());
            out.put("headHash", ok.headHash());
        } else {
            AuditChain.Verification.Broken b = (AuditChain.Verification.Broken) v;
            out.put("intact", false);
            out.put("brokenAt", b.sequence());
            out.put("breach", b.breach().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            out.put("detail", b.detail());
        }
        return Response.json(200, out);
    }
}
