package dev.brook.adapters.clickhouse.chdb;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of chDB's C API (chdb.h, 26.x) Brook calls. Handles are opaque pointers; {@code size_t} is
 * mapped to {@code long}, which is exact on the 64-bit platforms chDB ships for (LP64).
 */
interface ChdbLibrary extends Library {

    /** Returns a {@code chdb_connection *}: a pointer to the connection handle, or null on failure. */
    Pointer chdb_connect(int argc, String[] argv);

    Pointer chdb_query_n(Pointer connection, Pointer query, long queryLength, Pointer format, long formatLength);

    Pointer chdb_query_with_params_n(Pointer connection, Pointer query, long queryLength, Pointer format, long formatLength,
                                     Pointer names, Pointer nameLengths, Pointer values, Pointer valueLengths, long count);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    /** The engine's own time for the statement, in seconds. */
    double chdb_result_elapsed(Pointer result);

    /** Null when the statement succeeded. */
    String chdb_result_error(Pointer result);

    void chdb_destroy_query_result(Pointer result);

    /** Off: chDB installs no crash handlers of its own (but resets the deadly signals to default, see SignalGuard). */
    void chdb_set_signal_handlers_enabled(int enabled);
}
