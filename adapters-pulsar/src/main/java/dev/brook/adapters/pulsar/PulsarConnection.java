package dev.brook.adapters.pulsar;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the Pulsar cluster is: the one setting that picks the infrastructure. An app builds it from the
 * embedded broker's URLs (the default), from Testcontainers' Pulsar, or from a URL given by the user.
 *
 * @param serviceUrl binary protocol, {@code pulsar://host:6650} or {@code pulsar+ssl://host:6651}; several brokers as
 *                   Pulsar's clients take them, {@code pulsar://host1:6650,host2:6650}
 * @param adminUrl   REST admin API, {@code http://host:8080} or {@code https://…}, several hosts likewise
 */
public record PulsarConnection(String serviceUrl, String adminUrl) {

    private static final Set<String> SERVICE_SCHEMES = Set.of("pulsar", "pulsar+ssl");
    private static final Set<String> ADMIN_SCHEMES = Set.of("http", "https");
    /** A host name, an IPv4 or a bracketed IPv6 address, and an optional port. */
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(:\\d{1,5})?");

    public PulsarConnection {
        requireUrl("Pulsar service URL", serviceUrl, SERVICE_SCHEMES, "pulsar://localhost:6650");
        requireUrl("Pulsar admin URL", adminUrl, ADMIN_SCHEMES, "http://localhost:8080");
    }

    /**
     * A connection to an external broker known only by its service URL: the admin URL is taken to be the
     * same hosts on Pulsar's default web port 8080 ({@code https} and 8443 for {@code pulsar+ssl}).
     */
    public static PulsarConnection ofServiceUrl(String serviceUrl) {
        List<URI> brokers = hostsOf("Pulsar service URL", serviceUrl, SERVICE_SCHEMES, "pulsar://localhost:6650");
        boolean tls = brokers.get(0).getScheme().equals("pulsar+ssl");
        String hosts = String.join(",", brokers.stream().map(broker -> broker.getHost() + (tls ? ":8443" : ":8080")).toList());
        return new PulsarConnection(serviceUrl.trim(), (tls ? "https://" : "http://") + hosts);
    }

    private static void requireUrl(String what, String url, Set<String> schemes, String example) {
        hostsOf(what, url, schemes, example);
    }

    /** Each host of {@code scheme://host:port[,host:port…][/path]} as a URL of its own, or an error naming the fix. */
    private static List<URI> hostsOf(String what, String url, Set<String> schemes, String example) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + " is missing: give one like " + example);
        }
        String trimmed = url.trim();
        int authority = trimmed.indexOf("://");
        int path = authority < 0 ? -1 : trimmed.indexOf('/', authority + 3);
        String scheme = authority < 0 ? "" : trimmed.substring(0, authority);
        String hostList = authority < 0 ? trimmed : trimmed.substring(authority + 3, path < 0 ? trimmed.length() : path);
        List<URI> hosts = new ArrayList<>();
        for (String host : hostList.split(",", -1)) {
            URI uri;
            try {
                uri = new URI(scheme + "://" + host + (path < 0 ? "" : trimmed.substring(path)));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(what + " '" + url + "' is not a URL (" + e.getReason() + "): give one like "
                        + example);
            }
            if (!schemes.contains(scheme) || uri.getHost() == null || !HOST_AND_PORT.matcher(host).matches()) {
                throw new IllegalArgumentException(what + " '" + url + "' must be " + String.join(" or ", schemes.stream().sorted().toList())
                        + "://host:port (several hosts separated by commas), e.g. " + example);
            }
            hosts.add(uri);
        }
        return hosts;
    }
}
