package org.assessor.ruleset;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one compiled class refers to, read from its constant pool: the classes it names and the fields and methods
 * it uses (with their owners). This is the code the JVM will link, so a reference cannot hide in how the source
 * was written (string concatenation, a function, an {@code eval}).
 */
final class ClassFileRefs {
    /** A class named, or a member used: {@code owner} in dotted form; {@code member} null for a class alone. */
    record Ref(String owner, String member) implements Comparable<Ref> {
        @Override
        public int compareTo(Ref o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return member == null ? owner : owner + "." + member;
        }
    }

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([^;]+);");

    private ClassFileRefs() {}

    static Set<Ref> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Object[] utf8 = new Object[count];
        int[][] refs = new int[count][];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> { in.readLong(); i++; }
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> refs[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<Ref> out = new TreeSet<>();
        List<String> descriptors = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> {
                    String name = (String) utf8[refs[i][0]];
                    addType(name.startsWith("[") ? name : "L" + name + ";", out);
                }
                case 9, 10, 11 -> {
                    String owner = ((String) utf8[refs[refs[i][0]][0]]);
                    int[] nat = refs[refs[i][1]];
                    addType(owner.startsWith("[") ? owner : "L" + owner + ";", out);
                    if (!owner.startsWith("[")) out.add(new Ref(owner.replace('/', '.'), (String) utf8[nat[0]]));
                    descriptors.add((String) utf8[nat[1]]);
                }
                case 12, 16 -> descriptors.add((String) utf8[refs[i][tags[i] == 12 ? 1 : 0]]);
                default -> { }
            }
        }
        for (String d : descriptors) addType(d, out);
        return out;
    }

    private static void addType(String descriptor, Set<Ref> out) {
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(descriptor);
        while (m.find()) out.add(new Ref(m.group(1).replace('/', '.'), null));
    }
}
