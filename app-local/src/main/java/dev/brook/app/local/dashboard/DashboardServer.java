package dev.brook.app.local.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.brook.app.local.status.StatusBoard;
import dev.brook.core.domain.port.out.AggregateQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The web dashboard on localhost: one page with a live throughput chart (drawn by its own small script,
 * nothing fetched from the network) and the latest aggregates read through the query port, plus the
 * JSON endpoints the page polls:
 * <ul>
 *   <li>{@code /api/status}: the latest counters and rates;</li>
 *   <li>{@code /api/throughput}: produced and consumed events per second, one sample a second;</li>
 *   <li>{@code /api/aggregates?limit=N}: the newest stored window aggregates (default 20, at most 500).</li>
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final int DEFAULT_ROWS = 20;
    private static final int MAX_ROWS = 500;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StatusBoard board;
    private final AggregateQueries queries;

    private DashboardServer(HttpServer server, StatusBoard board, AggregateQueries queries) {
        this.server = server;
        this.board = board;
        this.queries = queries;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::page);
        server.createContext("/api/status", exchange -> json(exchange, 200,
                DashboardJson.status(board.latest(), board.latestRates())));
        server.createContext("/api/throughput", exchange -> json(exchange, 200, DashboardJson.throughput(board.history())));
        server.createContext("/api/aggregates", this::aggregates);
    }

    /**
     * Starts serving on the loopback interface. When the requested port is taken, a free one is used
     * instead (the caller prints {@link #uri()}).
     *
     * @param port the port to listen on; 0 for any free port
     */
    public static DashboardServer start(int port, StatusBoard board, AggregateQueries queries) {
        HttpServer server;
        try {
            server = bind(port);
        } catch (BindException busy) {
            LOG.warn("dashboard port {} is taken; using a free port instead", port);
            try {
                server = bind(0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the dashboard on any port of 127.0.0.1", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the dashboard on 127.0.0.1:" + port, e);
        }
        DashboardServer dashboard = new DashboardServer(server, board, queries);
        server.start();
        return dashboard;
    }

    private static HttpServer bind(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/", "/index.html" -> resource(exchange, "index.html", "text/html; charset=utf-8");
            case "/dashboard.js" -> resource(exchange, "dashboard.js", "text/javascript; charset=utf-8");
            case "/dashboard.css" -> resource(exchange, "dashboard.css", "text/css; charset=utf-8");
            default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path);
        }
    }

    private void aggregates(HttpExchange exchange) throws IOException {
        int limit;
        try {
            limit = limitOf(exchange.getRequestURI());
        } catch (IllegalArgumentException e) {
            json(exchange, 400, DashboardJson.error(e.getMessage()));
            return;
        }
        String body;
        try {
            body = DashboardJson.aggregates(queries.countAggregates(), queries.latest(limit));
        } catch (RuntimeException e) {
            // The store may not be ready yet (or be restarting): the page shows the reason and retries.
            LOG.debug("dashboard query failed", e);
            json(exchange, 503, DashboardJson.error("the aggregate store did not answer: " + e.getMessage()));
            return;
        }
        json(exchange, 200, body);
    }

    static int limitOf(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return DEFAULT_ROWS;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("limit=")) {
                String value = pair.substring("limit=".length());
                int limit;
                try {
                    limit = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("limit '" + value + "' must be a whole number within 1.." + MAX_ROWS);
                }
                if (limit < 1 || limit > MAX_ROWS) {
                    throw new IllegalArgumentException("limit " + limit + " must be within 1.." + MAX_ROWS);
                }
                return limit;
            }
        }
        return DEFAULT_ROWS;
    }

    private void resource(HttpExchange exchange, String name, String contentType) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 500, "text/plain; charset=utf-8", "dashboard resource " + name + " is missing from the jar");
                return;
            }
            send(exchange, 200, contentType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
