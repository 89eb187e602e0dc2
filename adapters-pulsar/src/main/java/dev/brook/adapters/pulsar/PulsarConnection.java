package dev.brook.adapters.pulsar;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Where the Pulsar cluster is: the one setting that picks the infrastructure. An app builds it from the
 * embedded broker's URLs (the default), from Testcontainers' Pulsar, or from a URL given by the user.
 *
 * @param serviceUrl binary protocol, {@code pulsar://host:6650} or {@code pulsar+ssl://host:6651}
 * @param adminUrl   REST admin API, {@code http://host:8080} or {@code https://…}
 */
public record PulsarConnection(String serviceUrl, String adminUrl) {

    private static final Set<String> SERVICE_SCHEMES = Set.of("pulsar", "pulsar+ssl");
    private static final Set<String> ADMIN_SCHEMES = Set.of("http", "https");

    public PulsarConnection {
        requireUrl("Pulsar service URL", serviceUrl, SERVICE_SCHEMES, "pulsar://localhost:6650");
        requireUrl("Pulsar admin URL", adminUrl, ADMIN_SCHEMES, "http://localhost:8080");
    }

    /**
     * A connection to an external broker known only by its service URL: the admin URL is taken to be the
     * same host on Pulsar's default web port 8080 ({@code https} and 8443 for {@code pulsar+ssl}).
     */
    public static PulsarConnection ofServiceUrl(String serviceUrl) {
        requireUrl("Pulsar service URL", serviceUrl, SERVICE_SCHEMES, "pulsar://localhost:6650");
        URI uri = URI.create(serviceUrl.trim());
        boolean tls = uri.getScheme().equals("pulsar+ssl");
        return new PulsarConnection(serviceUrl.trim(), (tls ? "https://" : "http://") + uri.getHost() + (tls ? ":8443" : ":8080"));
    }

    private static void requireUrl(String what, String url, Set<String> schemes, String example) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + " is missing: give one like " + example);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + url + "' is not a URL (" + e.getReason() + "): give one like "
                    + example);
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + url + "' must be " + String.join(" or ", schemes.stream().sorted().toList())
                    + "://host:port, e.g. " + example);
        }
    }
}
