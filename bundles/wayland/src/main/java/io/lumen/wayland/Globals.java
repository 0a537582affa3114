package io.lumen.wayland;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry's globals and the outputs bound from them as the compositor describes them; dispatch thread only. */
final class Globals {

    record Global(int name, String iface, int version) {
    }

    static final class Output {
        final int global;
        final WaylandProxy proxy;
        String name = "";
        String makeModel = "";
        String description = "";
        int x;
        int y;
        int width;
        int height;
        int refresh;
        int scale = 1;

        Output(int global, WaylandProxy proxy) {
            this.global = global;
            this.proxy = proxy;
        }

        OutputInfo info() {
            return new OutputInfo(name.isEmpty() ? makeModel : name, description, x, y, width, height, refresh, scale);
        }
    }

    private final Map<Integer, Global> globals = new LinkedHashMap<>();
    private final Map<Long, Output> outputs = new LinkedHashMap<>();

    void add(int name, String iface, int version) {
        globals.put(name, new Global(name, iface, version));
    }

    /** Forgets global {@code name}; an output bound from it is returned so its proxy can be freed. */
    Optional<Output> remove(int name) {
        globals.remove(name);
        Optional<Output> gone = outputs.values().stream().filter(o -> o.global == name).findFirst();
        gone.ifPresent(o -> outputs.remove(o.proxy.address()));
        return gone;
    }

    /** The first advertised global of {@code iface}. */
    Optional<Global> first(String iface) {
        return globals.values().stream().filter(g -> g.iface().equals(iface)).findFirst();
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
        return new ArrayList<>(outputs.values().stream().map(o -> o.info().name()).toList());
    }

    RegistrySnapshot snapshot(String display) {
        Map<String, Integer> byInterface = new HashMap<>();
        globals.values().forEach(g -> byInterface.merge(g.iface(), g.version(), Math::max));
        return new RegistrySnapshot(display, byInterface, outputs.values().stream().map(Output::info).toList());
    }
}
