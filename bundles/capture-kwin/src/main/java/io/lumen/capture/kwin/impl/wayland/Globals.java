package io.lumen.capture.kwin.impl.wayland;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's globals, the outputs bound from them as the compositor describes them, and the windows KWin's
 * window management announces; touched by the dispatch thread only.
 */
final class Globals {

    private record Global(String iface, int version) {
    }

    static final class Output {
        final int global;
        final MemorySegment proxy;
        String name = "";
        String makeModel = "";
        String description = "";
        int width;
        int height;
        int refresh;
        int scale = 1;

        Output(int global, MemorySegment proxy) {
            this.global = global;
            this.proxy = proxy;
        }

        OutputInfo info() {
            return new OutputInfo(name.isEmpty() ? makeModel : name, description, width, height, refresh, scale);
        }
    }

    private final Map<Integer, Global> globals = new HashMap<>();
    private final Map<Long, Output> outputs = new LinkedHashMap<>();
    private final Set<String> windows = new LinkedHashSet<>();

    void add(int name, String iface, int version) {
        globals.put(name, new Global(iface, version));
    }

    /** Forgets global {@code name}; an output bound from it is returned so its proxy can be freed. */
    Optional<Output> remove(int name) {
        globals.remove(name);
        Optional<Output> gone = outputs.values().stream().filter(o -> o.global == name).findFirst();
        gone.ifPresent(o -> outputs.remove(o.proxy.address()));
        return gone;
    }

    void addOutput(Output output) {
        outputs.put(output.proxy.address(), output);
    }

    /** The output behind {@code proxy}; null for an object this registry never bound (a stale event). */
    Output output(long proxy) {
        return outputs.get(proxy);
    }

    Optional<Output> outputNamed(String name) {
        return outputs.values().stream().filter(o -> o.info().name().equals(name)).findFirst();
    }

    List<String> outputNames() {
        return outputs.values().stream().map(o -> o.info().name()).toList();
    }

    List<MemorySegment> outputProxies() {
        return new ArrayList<>(outputs.values().stream().map(o -> o.proxy).toList());
    }

    void windowAdded(String uuid) {
        windows.add(uuid);
    }

    /** The compositor's full list replaces what was announced one by one (closed windows drop out). */
    void windowsNow(List<String> uuids) {
        windows.clear();
        windows.addAll(uuids);
    }

    RegistrySnapshot snapshot(String display) {
        Map<String, Integer> byInterface = new HashMap<>();
        globals.values().forEach(g -> byInterface.merge(g.iface(), g.version(), Math::max));
        return new RegistrySnapshot(display, byInterface, outputs.values().stream().map(Output::info).toList(),
                List.copyOf(windows));
    }
}
