package app.offramp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks request bodies against Discord's own OpenAPI 3.1 description: finds the path template a
 * request matches, takes its JSON request schema, and validates with a JSON Schema 2020-12
 * validator. The spec's {@code #/components/...} references resolve because each route's schema
 * is validated as a document that carries the spec's components beside it.
 */
final class OpenApiRequestValidator {
  private record Route(String method, String template, Pattern pattern, JsonNode schema) {}

  private final JsonNode components;
  private final List<Route> routes = new ArrayList<>();
  private final Map<Route, JsonSchema> compiled = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  OpenApiRequestValidator(Path spec) throws IOException {
    JsonNode root = new ObjectMapper().readTree(spec.toFile());
    components = root.get("components");
    Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        if (path.getValue().path(method).isMissingNode()) {
          continue;
        }
        // A route without a JSON body (a GET, a bare PUT) is still a route: its template names it.
        JsonNode schema = path.getValue().path(method).path("requestBody").path("content").path("application/json").path("schema");
        {
          String regex = Pattern.quote(path.getKey()).replaceAll("\\{[a-z_]+\\}", "\\\\E[^/]+\\\\Q");
          routes.add(new Route(method.toUpperCase(Locale.ROOT), path.getKey(), Pattern.compile(regex), schema));
        }
      }
    }
  }

  /** The template this request matches, e.g. {@code /channels/{channel_id}/messages}. */
  Optional<String> template(String method, String path) {
    return route(method, path).map(Route::template);
  }

  /** Problems with the body, empty when it validates; a route the spec lacks is a problem too. */
  List<String> validate(String method, String path, JsonNode body) {
    Optional<Route> route = route(method, path);
    if (route.isEmpty() || route.get().schema().isMissingNode()) {
      return List.of(method + " " + path + " is not a route with a JSON body in Discord's spec");
    }
    JsonSchema schema = compiled.computeIfAbsent(route.get(), r -> {
      ObjectNode doc = r.schema().deepCopy();
      doc.set("components", components);
      return factory.getSchema(doc);
    });
    Set<ValidationMessage> errors = schema.validate(coerceEnumStrings(body.deepCopy()));
    return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
  }

  /**
   * Discord accepts numeric strings where this spec says integer, and JDA sends three fields that
   * way: the enum arrays {@code contexts} and {@code integration_types} ("0"), and
   * {@code default_member_permissions}, which Discord's own docs type as a string. Only those are
   * turned into numbers before validation; everything else is checked as sent.
   */
  private static JsonNode coerceEnumStrings(JsonNode node) {
    if (node.isArray()) {
      node.forEach(OpenApiRequestValidator::coerceEnumStrings);
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String field : List.of("contexts", "integration_types")) {
        JsonNode values = object.get(field);
        if (values != null && values.isArray()) {
          com.fasterxml.jackson.databind.node.ArrayNode ints = object.putArray(field);
          values.forEach(v -> {
            if (v.isTextual() && v.asText().matches("\\d+")) {
              ints.add(Integer.parseInt(v.asText()));
            } else {
              ints.add(v);
            }
          });
        }
      }
      // A new file's attachment id is its index in the upload, sent as a number by JDA and in
      // Discord's own examples ({"id": 0, ...}); the spec types it as a snowflake string.
      JsonNode attachments = object.get("attachments");
      if (attachments != null && attachments.isArray()) {
        attachments.forEach(a -> {
          if (a.isObject() && a.path("id").isIntegralNumber()) {
            ((ObjectNode) a).put("id", a.path("id").asText());
          }
        });
      }
      JsonNode permissions = object.get("default_member_permissions");
      if (permissions != null && permissions.isTextual() && permissions.asText().matches("\\d+")) {
        object.put("default_member_permissions", Long.parseLong(permissions.asText()));
      }
      object.fields().forEachRemaining(e -> coerceEnumStrings(e.getValue()));
    }
    return node;
  }

  private Optional<Route> route(String method, String path) {
    String p = path.startsWith("/api/v10") ? path.substring("/api/v10".length()) : path;
    List<Route> matches = routes.stream().filter(r -> r.method().equals(method) && r.pattern().matcher(p).matches()).toList();
    // Prefer the template with the fewest parameters (literal segments are more specific).
    return matches.stream().min((a, b) -> Long.compare(a.template().chars().filter(c -> c == '{').count(),
        b.template().chars().filter(c -> c == '{').count()));
  }
}
