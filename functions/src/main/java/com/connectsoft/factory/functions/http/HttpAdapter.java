package com.connectsoft.factory.functions.http;

import com.connectsoft.factory.api.FactoryApi;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Maps a Functions HTTP request onto the server-independent {@link FactoryApi} and its response back. The caller's
 * address (for throttling failed sign-ins) is the last entry of {@code X-Forwarded-For}: App Service's front end
 * appends the address that connected to it, so what a client sends itself comes before it.
 */
@Component
public class HttpAdapter {
    private final FactoryApi api;

    public HttpAdapter(FactoryApi api) {
        this.api = api;
    }

    public HttpResponseMessage handle(HttpRequestMessage<Optional<byte[]>> request) {
        FactoryApi.Response r = api.handle(new FactoryApi.Request(request.getHttpMethod().name(), request.getUri().getPath(),
                request.getHeaders(), request.getQueryParameters(), request.getBody().orElse(new byte[0]), client(request.getHeaders())));
        HttpResponseMessage.Builder b = request.createResponseBuilder(HttpStatusType.custom(r.status()));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        return b.body(r.body()).build();
    }

    /** The address App Service saw connect (without its port), or unknown. */
    static String client(Map<String, String> headers) {
        String forwarded = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Forwarded-For"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        if (last.startsWith("[")) {
            int end = last.indexOf(']');
            return end > 0 ? last.substring(1, end) : FactoryApi.Request.UNKNOWN_CLIENT;
        }
        if (last.chars().filter(c -> c == ':').count() == 1) {
            last = last.substring(0, last.indexOf(':'));
        }
        return last.matches("[0-9A-Fa-f.:]{2,45}") ? last : FactoryApi.Request.UNKNOWN_CLIENT;
    }
}
