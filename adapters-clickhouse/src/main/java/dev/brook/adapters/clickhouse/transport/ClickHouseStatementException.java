package dev.brook.adapters.clickhouse.transport;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statement the engine refused or could not run; carries ClickHouse's error code when it gave one. */
public class ClickHouseStatementException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");
    /**
     * Error codes worth retrying: time-outs, network trouble, too many parts or queries, memory pressure, a full task
     * pool, queries cancelled by a server shutting down, replicas that lost Keeper and Keeper hiccups. Everything else
     * (syntax, types, constraints) fails the same way again.
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            3,   // UNEXPECTED_END_OF_FILE
            159, // TIMEOUT_EXCEEDED
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            225, // NO_ZOOKEEPER
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            279, // ALL_CONNECTION_TRIES_FAILED
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            394, // QUERY_WAS_CANCELLED
            425, // SYSTEM_ERROR
            439, // CANNOT_SCHEDULE_TASK
            999  // KEEPER_EXCEPTION
    );

    private final int code;
    private final boolean transientFailure;

    public ClickHouseStatementException(String message, int code, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    /** From an engine error text ("Code: 62. DB::Exception: ..."); transient if its code is one of the retryable ones. */
    public static ClickHouseStatementException fromEngineMessage(String context, String engineMessage, Throwable cause) {
        int code = codeOf(engineMessage);
        return new ClickHouseStatementException(context + ": " + engineMessage.strip(), code,
                TRANSIENT_CODES.contains(code), cause);
    }

    /**
     * An HTTP error answer without a ClickHouse error code: with status 5xx it came from a proxy or load balancer in
     * front of the server (502–504) or a server that could not say why, and is worth retrying; a 4xx (refused
     * credentials, a wrong path) is not.
     */
    public static ClickHouseStatementException withoutEngineCode(String context, int httpStatus, String message, Throwable cause) {
        return new ClickHouseStatementException(context + ": HTTP " + httpStatus + " without a ClickHouse error code: "
                + message.strip(), -1, httpStatus >= 500, cause);
    }

    /** A failure to reach the engine at all: always worth retrying. */
    public static ClickHouseStatementException unreachable(String context, Throwable cause) {
        return new ClickHouseStatementException(context + ": " + cause, -1, true, cause);
    }

    static int codeOf(String engineMessage) {
        Matcher matcher = CODE.matcher(engineMessage == null ? "" : engineMessage);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** ClickHouse's error code, or -1 when the failure carried none. */
    public int code() {
        return code;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
