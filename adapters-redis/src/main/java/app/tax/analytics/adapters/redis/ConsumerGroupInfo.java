package app.tax.analytics.adapters.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer group of a stream, as {@code XINFO GROUPS} describes it.
 *
 * @param lastDeliveredId every entry up to this id has been delivered to the group at least once
 * @param lag             entries not yet delivered to the group, or -1 when Redis does not know (before 7.0, or
 *                        after entries were deleted in between)
 */
record ConsumerGroupInfo(String name, long pending, StreamId lastDeliveredId, long lag) {

    /** Parses the reply, which is a list of groups, each a flat key/value list (RESP2) or a map (RESP3). */
    static List<ConsumerGroupInfo> parseAll(List<Object> reply) {
        List<ConsumerGroupInfo> groups = new ArrayList<>(reply.size());
        for (Object group : reply) {
            Map<String, Object> fields = fields(group);
            groups.add(new ConsumerGroupInfo(
                    String.valueOf(fields.get("name")),
                    Long.parseLong(String.valueOf(fields.getOrDefault("pending", "0"))),
                    StreamId.parse(String.valueOf(fields.getOrDefault("last-delivered-id", "0-0"))),
                    fields.get("lag") == null ? -1 : Long.parseLong(String.valueOf(fields.get("lag")))));
        }
        return groups;
    }

    private static Map<String, Object> fields(Object group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (group instanceof Map<?, ?> map) {
            map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        } else if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        } else {
            throw new IllegalArgumentException("unexpected XINFO GROUPS entry: " + group);
        }
        return fields;
    }
}
