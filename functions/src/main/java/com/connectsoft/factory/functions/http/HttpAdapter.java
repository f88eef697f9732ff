package com.connectsoft.factory.functions.http;

import com.connectsoft.factory.api.FactoryApi;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Maps a Functions HTTP request onto the server-independent {@link FactoryApi} and its response back. */
@Component
public class HttpAdapter {
    private final FactoryApi api;

    public HttpAdapter(FactoryApi api) {
        this.api = api;
    }

    public HttpResponseMessage handle(HttpRequestMessage<Optional<byte[]>> request) {
        FactoryApi.Response r = api.handle(new FactoryApi.Request(request.getHttpMethod().name(), request.getUri().getPath(),
                request.getHeaders(), request.getQueryParameters(), request.getBody().orElse(new byte[0])));
        HttpResponseMessage.Builder b = request.createResponseBuilder(HttpStatusType.custom(r.status()));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        return b.body(r.body()).build();
    }
}
