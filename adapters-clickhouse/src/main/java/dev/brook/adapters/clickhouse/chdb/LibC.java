package dev.brook.adapters.clickhouse.chdb;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few C library calls the chDB guards need; JNA resolves each on its first call. */
interface LibC extends Library {

    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    int sigaction(int signal, Pointer newAction, Pointer oldAction);

    /** glibc only: {@code function(status, argument)} runs when the process calls {@code exit(status)}. */
    int on_exit(Pointer function, Pointer argument);
}
