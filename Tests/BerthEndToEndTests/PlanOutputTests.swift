import BerthTestSupport
import Foundation
import Testing

/// The dry run's output, byte for byte: what reviewers read and what programs parse. Creates show
/// whole objects (a literal block with a blank line keeps its `+ ` marker), updates show the changed
/// fields with their parents, deletes show what goes, and JSON carries each diff as one string.
@Suite struct PlanOutputTests {
    static let shop = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: motd, namespace: shop}
        data:
          banner: |
            Welcome

            to the "shop"
          path: 'C:\\shop'
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: creds, namespace: shop}
        stringData: {password: hunter2}

        """

    static let old = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: old, namespace: shop}\ndata: {tab: \"a\\tb\"}\n"

    @Test func textAndJSONAreExact() throws {
        let repo = try GitFixture()
        try repo.write("manifests/shop.yaml", Self.shop)
        try repo.write("manifests/old.yaml", Self.old)
        try repo.commit("one")
        let berth = try Berth(repo: repo)

        let creates = try berth("reconcile", "--dry-run")
        #expect(creates.status == 2)
        let first = try repo.git("rev-parse", "--short=7", "HEAD")
        #expect(creates.stdout == #"""
            revision \#(first) "one" by Ada Lovelace · manifests · 4 objects in 2 files
            + create Namespace shop
                + apiVersion: v1
                + kind: Namespace
                + metadata:
                +   name: shop
                +   labels:
                +     kubernetes.io/metadata.name: shop
            + create ConfigMap shop/motd
                + apiVersion: v1
                + kind: ConfigMap
                + metadata:
                +   name: motd
                +   namespace: shop
                + data:
                +   banner: |
                +     Welcome
                +\#u{20}
                +     to the "shop"
                +   path: C:\shop
            + create ConfigMap shop/old
                + apiVersion: v1
                + kind: ConfigMap
                + metadata:
                +   name: old
                +   namespace: shop
                + data:
                +   tab: "a\tb"
            + create Secret shop/creds
                + apiVersion: v1
                + kind: Secret
                + metadata:
                +   name: creds
                +   namespace: shop
                + type: Opaque
                + data:
                +   password: '*** (after)'

            Plan: 4 to create, 0 to update, 0 to delete, 0 unchanged.
            Dry run: nothing was written. Run berth reconcile to apply.

            """#)
        #expect(try berth("reconcile", "--no-wait").status == 0)

        try repo.edit("manifests/shop.yaml", replacing: "to the \"shop\"", with: "to the \"shop\", é")
        try repo.edit("manifests/shop.yaml", replacing: "hunter2", with: "hunter3")
        try repo.remove("manifests/old.yaml")
        try repo.commit("two")
        let second = try repo.git("rev-parse", "HEAD")

        let changes = try berth("reconcile", "--dry-run")
        #expect(changes.status == 2)
        #expect(changes.stdout == #"""
            revision \#(second.prefix(7)) "two" by Ada Lovelace · manifests · 3 objects in 1 files
            ~ update ConfigMap shop/motd
                  data:
                -   banner: "Welcome\n\nto the \"shop\"\n"
                +   banner: "Welcome\n\nto the \"shop\", é\n"
            ~ update Secret shop/creds
                  data:
                -   password: '*** (before)'
                +   password: '*** (after)'
            - delete ConfigMap shop/old
                - apiVersion: v1
                - kind: ConfigMap
                - metadata:
                -   name: old
                -   namespace: shop
                - data:
                -   tab: "a\tb"

            Plan: 0 to create, 2 to update, 1 to delete, 1 unchanged.
            Dry run: nothing was written. Run berth reconcile to apply.

            """#)

        let json = try berth("reconcile", "--dry-run", "-o", "json")
        #expect(json.status == 2)
        #expect(json.stdout == #"""
            {
              "revision": "\#(second)",
              "path": "manifests",
              "result": "dry-run",
              "summary": {
                "create": 0,
                "update": 2,
                "delete": 1,
                "unchanged": 1
              },
              "changes": [
                {
                  "action": "update",
                  "apiVersion": "v1",
                  "kind": "ConfigMap",
                  "namespace": "shop",
                  "name": "motd",
                  "diff": "  data:\n-   banner: \"Welcome\\n\\nto the \\\"shop\\\"\\n\"\n+   banner: \"Welcome\\n\\nto the \\\"shop\\\", é\\n\"",
                  "notes": []
                },
                {
                  "action": "update",
                  "apiVersion": "v1",
                  "kind": "Secret",
                  "namespace": "shop",
                  "name": "creds",
                  "diff": "  data:\n-   password: '*** (before)'\n+   password: '*** (after)'",
                  "notes": []
                },
                {
                  "action": "delete",
                  "apiVersion": "v1",
                  "kind": "ConfigMap",
                  "namespace": "shop",
                  "name": "old",
                  "diff": "- apiVersion: v1\n- kind: ConfigMap\n- metadata:\n-   name: old\n-   namespace: shop\n- data:\n-   tab: \"a\\tb\"",
                  "notes": []
                }
              ],
              "kept": [],
              "warnings": []
            }

            """#)
    }
}
