package io.trustregistry.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.trustregistry.core.DefaultAdmin;

/** User management and the permission model, through HTTP. */
class UsersHttpTest {

    private static String user(String name, String password, boolean admin, String permissions) {
        return "{\"user\":{\"name\":" + Api.quote(name) + ",\"is_admin\":" + admin + "},\"secret\":{\"password\":"
                + Api.quote(password) + "},\"permissions\":" + permissions + "}";
    }

    @Test
    void adminsManageUsersAndPermissionsAreEnforced() {
        try (TestServer t = TestServer.start()) {
            String admin = t.api.admin();
            JsonNode created = t.api.post("/users", admin, user("alice", "alice-password", false,
                    "[\"search\",\"download\"]")).expect(201).json();
            assertEquals(List.of("download", "search"), strings(created.path("permissions")));
            t.api.post("/users", admin, user("uploader", "uploader-password", false, "[\"upload\"]")).expect(201);
            t.api.post("/users", admin, user("alice", "another-password", false, "[]")).expectError(409);
            t.api.post("/users", admin, user("shorty", "short", false, "[]")).expectError(400);
            t.api.post("/users", admin, user("weird", "weird-password", false, "[\"fly\"]")).expectError(400);
            t.api.post("/users", admin, user("weird", "weird-password", false, "\"search\"")).expectError(400);

            String alice = t.api.login("alice", "alice-password");
            String uploader = t.api.login("uploader", "uploader-password");
            t.api.post("/users", alice, user("mallory", "mallory-password", true, "[]")).expectError(401);
            t.api.get("/users", alice).expectError(401);
            JsonNode users = t.api.get("/users", admin).expect(200).json();
            assertEquals(List.of("alice", DefaultAdmin.NAME, "uploader"), names(users));
            users.forEach(u -> assertEquals(false, u.has("password_hashes")));

            String id = t.api.register(uploader, "model", "https://huggingface.co/acme/tiny-model");
            t.api.post("/artifact/model", alice, "{\"url\":\"https://huggingface.co/acme/tiny-model\"}")
                    .expectError(401);
            t.api.get("/artifacts/model/" + id, alice).expect(200);
            t.api.get("/artifacts/model/" + id, uploader).expectError(401);
            t.api.get("/artifacts/model/" + id + "/download", alice).expect(200);
            t.api.get("/artifacts/model/" + id + "/download", uploader).expectError(401);
            t.api.delete("/reset", alice).expectError(401);

            t.api.delete("/users/uploader", alice).expectError(401);
            t.api.delete("/users/alice", alice).expect(200);
            t.api.get("/artifacts/model/" + id, alice).expectError(403);
            t.api.delete("/users/uploader", admin).expect(200);
            t.api.delete("/users/uploader", admin).expectError(404);
            t.api.delete("/users/" + DefaultAdmin.NAME, admin).expectError(409);
        }
    }

    @Test
    void anAdminPermissionMakesAnAdministrator() {
        try (TestServer t = TestServer.start()) {
            String admin = t.api.admin();
            t.api.post("/users", admin, user("root2", "root2-password", false, "[\"admin\"]")).expect(201);
            String root2 = t.api.login("root2", "root2-password");
            t.api.get("/users", root2).expect(200);
            t.api.delete("/reset", root2).expect(200);
            t.api.get("/users", admin).expect(200);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> names(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(u -> names.add(u.path("name").asText()));
        return names;
    }
}
