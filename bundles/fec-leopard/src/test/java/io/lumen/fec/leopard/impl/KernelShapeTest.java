package io.lumen.fec.leopard.impl;

import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import io.lumen.fec.leopard.impl.simd.Nibbles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two rules that keep C2 compiling the vector kernels one way on every JVM start ({@link Nibbles} and
 * {@link VectorGf16Kernel} say why), checked on the compiled classes: a refactoring that breaks one compiles and
 * passes every conformance test, and only shows as a benchmark fork at half speed now and then.
 */
class KernelShapeTest {

    /** C2's default FreqInlineSize: a hot call site inlines a callee of at most this many bytecode bytes. */
    private static final int C2_HOT_INLINE_LIMIT = 325;

    private static final List<Class<?>> VECTOR_CLASSES = List.of(VectorGf8Kernel.class, VectorGf16Kernel.class,
            Nibbles.class);

    /** The vector loops that must stay their own compiled methods, by class. */
    private static final Map<Class<?>, List<String>> NEVER_INLINED = Map.of(
            VectorGf16Kernel.class, List.of("ifftGroup", "fftGroup", "multiply"),
            VectorGf8Kernel.class, List.of("multiply4", "multiply4Pair"));

    @Test
    void noVectorValueCrossesAMethodOfOurs() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : VECTOR_CLASSES) {
            for (ClassModel model : withNested(type)) {
                for (MethodModel method : model.methods()) {
                    String descriptor = method.methodType().stringValue();
                    if (descriptor.contains("Ljdk/incubator/vector/")) {
                        offenders.add(model.thisClass().asInternalName() + "." + method.methodName() + descriptor);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "vector arguments or results: a helper C2 refuses to inline boxes them");
    }

    @Test
    void groupAndMultiplyLoopsAreTooBigToInlineIntoACaller() throws IOException {
        for (var entry : NEVER_INLINED.entrySet()) {
            ClassModel model = parse(entry.getKey());
            for (String name : entry.getValue()) {
                List<Integer> sizes = model.methods().stream()
                        .filter(m -> m.methodName().equalsString(name))
                        .map(m -> m.findAttribute(Attributes.code()).orElseThrow().codeLength())
                        .toList();
                assertTrue(!sizes.isEmpty(), entry.getKey().getSimpleName() + "." + name + " is gone");
                for (int size : sizes) {
                    assertTrue(size > C2_HOT_INLINE_LIMIT, entry.getKey().getSimpleName() + "." + name + " has "
                            + size + " bytecode bytes, at most " + C2_HOT_INLINE_LIMIT + " is inlined into hot callers");
                }
            }
        }
    }

    private static List<ClassModel> withNested(Class<?> type) throws IOException {
        List<ClassModel> models = new ArrayList<>();
        models.add(parse(type));
        for (Class<?> nested : type.getDeclaredClasses()) {
            models.add(parse(nested));
        }
        return models;
    }

    private static ClassModel parse(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return ClassFile.of().parse(in.readAllBytes());
        }
    }
}
