package io.lumen.nativeaccess;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A system library loaded through FFM, or the reason it could not be. Backends turn a missing library into
 * "unavailable: libavcodec.so.59 not found" from probe() instead of failing at the first call.
 */
public final class NativeLibrary {

    private final String name;
    private final SymbolLookup symbols;
    private final String unavailableReason;

    private NativeLibrary(String name, SymbolLookup symbols, String unavailableReason) {
        this.name = name;
        this.symbols = symbols;
        this.unavailableReason = unavailableReason;
    }

    /**
     * Loads the first of {@code names} the dynamic linker finds; the library stays loaded while {@code arena} is
     * alive. Never throws for a missing library: {@link #unavailableReason()} says what was tried.
     */
    public static NativeLibrary load(Arena arena, String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one library");
        }
        List<String> failures = new ArrayList<>();
        for (String candidate : names) {
            try {
                return new NativeLibrary(candidate, SymbolLookup.libraryLookup(candidate, arena), null);
            } catch (IllegalArgumentException e) {
                failures.add(candidate);
            }
        }
        String reason = String.join(", ", failures) + (failures.size() == 1 ? " not found" : " all not found");
        return new NativeLibrary(names[0], null, reason);
    }

    /** The C library the JVM itself links against, always present. */
    public static NativeLibrary libc() {
        return new NativeLibrary("libc", Linker.nativeLinker().defaultLookup(), null);
    }

    public String name() {
        return name;
    }

    public boolean isAvailable() {
        return symbols != null;
    }

    /** Why the library is unusable, for probe(); empty when it loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /** The address of {@code symbol}; a clear {@link UnsatisfiedLinkError} naming it when absent. */
    public MemorySegment symbol(String symbol) {
        if (symbols == null) {
            throw new UnsatisfiedLinkError(unavailableReason);
        }
        return symbols.find(symbol).orElseThrow(() ->
                new UnsatisfiedLinkError(name + " has no symbol " + symbol + " (another version of the library?)"));
    }

    public boolean hasSymbol(String symbol) {
        return symbols != null && symbols.find(symbol).isPresent();
    }

    /** A downcall handle for {@code symbol}. */
    public MethodHandle downcall(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        return Linker.nativeLinker().downcallHandle(symbol(symbol), descriptor, options);
    }
}
