package com.connectsoft.factory.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.asset.AssetOrArchive;
import com.pulumi.asset.FileAsset;
import com.pulumi.asset.StringAsset;
import com.pulumi.azurenative.cdn.AFDEndpoint;
import com.pulumi.azurenative.cdn.AFDEndpointArgs;
import com.pulumi.azurenative.cdn.AFDOrigin;
import com.pulumi.azurenative.cdn.AFDOriginArgs;
import com.pulumi.azurenative.cdn.AFDOriginGroup;
import com.pulumi.azurenative.cdn.AFDOriginGroupArgs;
import com.pulumi.azurenative.cdn.Profile;
import com.pulumi.azurenative.cdn.ProfileArgs;
import com.pulumi.azurenative.cdn.Route;
import com.pulumi.azurenative.cdn.RouteArgs;
import com.pulumi.azurenative.cdn.Rule;
import com.pulumi.azurenative.cdn.RuleArgs;
import com.pulumi.azurenative.cdn.RuleSet;
import com.pulumi.azurenative.cdn.RuleSetArgs;
import com.pulumi.azurenative.cdn.inputs.DeliveryRuleResponseHeaderActionArgs;
import com.pulumi.azurenative.cdn.inputs.DeliveryRuleUrlPathConditionArgs;
import com.pulumi.azurenative.cdn.inputs.HeaderActionParametersArgs;
import com.pulumi.azurenative.cdn.inputs.LoadBalancingSettingsParametersArgs;
import com.pulumi.azurenative.cdn.inputs.ResourceReferenceArgs;
import com.pulumi.azurenative.cdn.inputs.UrlPathMatchConditionParametersArgs;
import com.pulumi.azurenative.cdn.inputs.UrlRewriteActionArgs;
import com.pulumi.azurenative.cdn.inputs.UrlRewriteActionParametersArgs;
import com.pulumi.azurenative.storage.Blob;
import com.pulumi.azurenative.storage.BlobArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.StorageAccountStaticWebsite;
import com.pulumi.azurenative.storage.StorageAccountStaticWebsiteArgs;
import com.pulumi.azurenative.storage.enums.BlobType;
import com.pulumi.context.LoggingContext;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web app (marketplace-web) in Azure: its built files in a storage account's static website ({@code $web}, index and
 * 404 document {@code index.html}), served only through Azure Front Door (Standard), whose rule set adds what blob storage
 * cannot: the Content-Security-Policy and the other security headers, {@code Cache-Control} (hashed assets immutable,
 * everything else revalidated), and a rewrite of client routes ({@code /studio/runs/...}) to {@code index.html} with a 200.
 * The app calls the function app's API cross-origin: the API's origin is in the CSP's {@code connect-src} (with Entra ID's
 * sign-in origin and nothing else), in the generated {@code config.json} the app reads at start, and the function app's CORS
 * allows exactly the web origin (see {@link FactoryStack}).
 */
final class WebHosting {
    static final String LOGIN_ORIGIN = "https://login.microsoftonline.com";
    static final String HASHED_ASSETS = "assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    static final String CONFIG_CONTENT_TYPE = "application/json";
    private static final String ORIGIN = "https://[a-z0-9]([a-z0-9.-]{0,250}[a-z0-9])?";

    private WebHosting() {
    }

    /** The web origin's resources, made before the function app (whose CORS names the origin). */
    record Endpoint(StorageAccount account, StorageAccountStaticWebsite site, Profile profile, AFDEndpoint endpoint, Output<String> origin) {
    }

    /**
     * The storage account with its static website and the Front Door endpoint in front of it. The account allows shared keys:
     * the provider's Blob and static-website resources write with the account key (pulumi-azure-native#2015); what it holds
     * is public anyway.
     */
    static Endpoint endpoint(Output<String> rgName, Map<String, String> tags) {
        var account = new StorageAccount("web", StorageAccountArgs.builder().resourceGroupName(rgName).kind("StorageV2")
                .sku(com.pulumi.azurenative.storage.inputs.SkuArgs.builder().name("Standard_LRS").build())
                .minimumTlsVersion("TLS1_2").enableHttpsTrafficOnly(true).allowBlobPublicAccess(false)
                .allowSharedKeyAccess(true).tags(tags).build());
        var site = new StorageAccountStaticWebsite("web-site", StorageAccountStaticWebsiteArgs.builder().resourceGroupName(rgName)
                .accountName(account.name()).indexDocument(WebDist.INDEX).error404Document(WebDist.INDEX).build());
        var profile = new Profile("web-cdn", ProfileArgs.builder().resourceGroupName(rgName).location("global")
                .sku(com.pulumi.azurenative.cdn.inputs.SkuArgs.builder().name("Standard_AzureFrontDoor").build()).tags(tags).build());
        var endpoint = new AFDEndpoint("web", AFDEndpointArgs.builder().resourceGroupName(rgName).profileName(profile.name())
                .location("global").enabledState("Enabled").tags(tags).build());
        return new Endpoint(account, site, profile, endpoint, endpoint.hostName().applyValue(h -> origin("https://" + h)));
    }

    /**
     * Front Door's origin, route and rules for the API at {@code apiOrigin}, the generated {@code config.json}, and the built
     * files of {@code dist} (none when it is empty: the site then answers with Front Door's and storage's errors until the
     * next {@code pulumi up} after a build).
     */
    static void content(Endpoint web, Output<String> rgName, Output<String> apiOrigin, Optional<WebDist> dist) {
        Output<String> storageHost = web.account().primaryEndpoints().applyValue(e -> host(e.web()));
        var group = new AFDOriginGroup("web-origins", AFDOriginGroupArgs.builder().resourceGroupName(rgName).profileName(web.profile().name())
                .loadBalancingSettings(LoadBalancingSettingsParametersArgs.builder().sampleSize(4).successfulSamplesRequired(3)
                        .additionalLatencyInMilliseconds(50).build())
                .sessionAffinityState("Disabled").build());
        var origin = new AFDOrigin("web-storage", AFDOriginArgs.builder().resourceGroupName(rgName).profileName(web.profile().name())
                .originGroupName(group.name()).hostName(storageHost).originHostHeader(storageHost).httpPort(80).httpsPort(443)
                .priority(1).weight(1000).enforceCertificateNameCheck(true).enabledState("Enabled").build());
        var rules = new RuleSet("web-rules", RuleSetArgs.builder().resourceGroupName(rgName).profileName(web.profile().name())
                .ruleSetName("webRules").build());
        List<String> files = dist.map(WebDist::topLevelFiles).orElse(List.of(WebDist.CONFIG_FILE, WebDist.INDEX));
        List<String> directories = new ArrayList<>(dist.map(WebDist::topLevelDirectories).orElse(List.of()));
        if (!directories.contains(HASHED_ASSETS)) {
            directories.add(HASHED_ASSETS);
        }
        List<Resource> ruleResources = List.of(
                rule("security-headers", rgName, web, rules, 1, List.of(), apiOrigin.applyValue(api -> securityHeaders(api).entrySet().stream()
                        .<Object>map(h -> header(h.getKey(), h.getValue())).toList())),
                rule("spa-fallback", rgName, web, rules, 2, List.of(path("BeginsWith", directories, true), path("Equal", files, true)),
                        Output.of(List.<Object>of(UrlRewriteActionArgs.builder().name("UrlRewrite").parameters(UrlRewriteActionParametersArgs
                                .builder().typeName("DeliveryRuleUrlRewriteActionParameters").sourcePattern("/")
                                .destination("/" + WebDist.INDEX).preserveUnmatchedPath(false).build()).build()))),
                rule("revalidate", rgName, web, rules, 3, List.of(path("BeginsWith", List.of(HASHED_ASSETS), true)),
                        Output.of(List.<Object>of(header("Cache-Control", REVALIDATE)))),
                rule("immutable-assets", rgName, web, rules, 4, List.of(path("BeginsWith", List.of(HASHED_ASSETS), false)),
                        Output.of(List.<Object>of(header("Cache-Control", IMMUTABLE)))));
        List<Resource> routeDeps = new ArrayList<>(ruleResources);
        routeDeps.add(origin);
        new Route("web-route", RouteArgs.builder().resourceGroupName(rgName).profileName(web.profile().name())
                .endpointName(web.endpoint().name()).originGroup(group.id().applyValue(id -> ResourceReferenceArgs.builder().id(id).build()))
                .ruleSets(rules.id().applyValue(id -> List.of(ResourceReferenceArgs.builder().id(id).build())))
                .supportedProtocols(Either.ofLeft("Http"), Either.ofLeft("Https")).httpsRedirect("Enabled").forwardingProtocol("HttpsOnly")
                .linkToDefaultDomain("Enabled").patternsToMatch("/*").enabledState("Enabled").build(),
                CustomResourceOptions.builder().dependsOn(routeDeps).build());

        if (dist.isEmpty()) {
            return;
        }
        for (WebDist.WebFile f : dist.get().files()) {
            new Blob("web/" + f.name(), BlobArgs.builder().resourceGroupName(rgName).accountName(web.account().name())
                    .containerName(web.site().containerName()).blobName(f.name()).type(BlobType.Block).contentType(f.contentType())
                    .source(new FileAsset(f.path().toString())).build());
        }
        new Blob("web/" + WebDist.CONFIG_FILE, BlobArgs.builder().resourceGroupName(rgName).accountName(web.account().name())
                .containerName(web.site().containerName()).blobName(WebDist.CONFIG_FILE).type(BlobType.Block).contentType(CONFIG_CONTENT_TYPE)
                .source(apiOrigin.applyValue(api -> (AssetOrArchive) new StringAsset(runtimeConfig(api)))).build());
    }

    /** The build to upload from {@code dir} (relative to the stack's directory), or empty with a warning saying what to run first. */
    static Optional<WebDist> dist(Optional<String> dir, LoggingContext log) {
        if (dir.isEmpty()) {
            log.info("connectsoft-factory:webDist is empty: the web app's files are not uploaded");
            return Optional.empty();
        }
        Optional<WebDist> dist = WebDist.scan(Path.of(dir.get()));
        if (dist.isEmpty()) {
            log.warn("the web app build " + dir.get() + " does not exist, so no file of the web app is uploaded: " + WebDist.BUILD_HINT
                    + ", then run pulumi up again");
        }
        return dist;
    }

    /** What the web app reads at start ({@code /config.json}): where the API is. */
    static String runtimeConfig(String apiOrigin) {
        Map<String, String> config = Map.of("apiBaseUrl", origin(apiOrigin));
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing config.json", e);
        }
    }

    /**
     * The policy of the local server ({@code WebApp}) with the API's origin and Entra ID's sign-in origin added to
     * {@code connect-src} (MSAL's redirect flow fetches the authority's metadata and redeems the code there), nothing else.
     */
    static String contentSecurityPolicy(String apiOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' "
                + origin(apiOrigin) + " " + LOGIN_ORIGIN + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /** The headers every answer carries (Front Door allows five actions per rule: these are they). */
    static Map<String, String> securityHeaders(String apiOrigin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(apiOrigin));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Strict-Transport-Security", "max-age=31536000");
        return headers;
    }

    /** An https origin (scheme and host, no path): what CORS and CSP compare; anything else is refused, never written into them. */
    static String origin(String value) {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (!v.matches(ORIGIN)) {
            throw new IllegalArgumentException("'" + value + "' is not an https origin (https://<host>, lowercase, no path)");
        }
        return v;
    }

    private static String host(String url) {
        return origin(url).substring("https://".length());
    }

    private static Rule rule(String name, Output<String> rgName, Endpoint web, RuleSet set, int order, List<Object> conditions,
                             Output<List<Object>> actions) {
        // Front Door rule names are letters and digits only
        String ruleName = java.util.Arrays.stream(name.split("-")).map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .reduce("", String::concat);
        ruleName = Character.toLowerCase(ruleName.charAt(0)) + ruleName.substring(1);
        return new Rule("web-" + name, RuleArgs.builder().resourceGroupName(rgName).profileName(web.profile().name())
                .ruleSetName(set.name()).ruleName(ruleName).order(order).conditions(conditions).actions(actions)
                .matchProcessingBehavior("Continue").build());
    }

    private static Object header(String name, String value) {
        return DeliveryRuleResponseHeaderActionArgs.builder().name("ModifyResponseHeader").parameters(HeaderActionParametersArgs.builder()
                .typeName("DeliveryRuleHeaderActionParameters").headerAction("Overwrite").headerName(name).value(value).build()).build();
    }

    /** A URL path condition; Front Door Standard matches the path without its leading slash. */
    private static Object path(String operator, List<String> values, boolean negate) {
        return DeliveryRuleUrlPathConditionArgs.builder().name("UrlPath").parameters(UrlPathMatchConditionParametersArgs.builder()
                .typeName("DeliveryRuleUrlPathMatchConditionParameters").operator(operator).matchValues(values).negateCondition(negate)
                .build()).build();
    }
}
