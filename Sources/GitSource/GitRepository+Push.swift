import CGit2

extension GitRepository {
    /// Pushes the local `branch` to the same branch of `remote`, fast-forward only, then points the
    /// remote-tracking ref (`refs/remotes/<remote>/<branch>`) at what was pushed. Works for a mirror
    /// made by `mirror(url:cacheDirectory:)` and for any repository with that remote.
    ///
    /// Throws `.pushRejected` when the remote's branch has commits this repository lacks (someone
    /// pushed since the last fetch) or the remote refuses the update, `.unknownBranch` when there is
    /// no such local branch, and `.remoteFailed` when the remote cannot be reached. Remotes that need
    /// credentials are not supported yet, as for mirroring.
    public func push(branch: String, remote: String = "origin") throws(GitError) {
        try locked { () throws(GitError) in
            let local = try self.branch(named: branch)
            let pushed = git_commit_id(local.tip.pointer).pointee
            let context = "cannot push \(local.name) to \(remote) from \(path)"
            let remoteHandle: RemoteHandle
            do throws(GitError) {
                remoteHandle = RemoteHandle(
                    try created(context) { out in git_remote_lookup(out, handle.pointer, remote) }, owner: handle)
            } catch {
                guard error.code == GIT_ENOTFOUND.rawValue else { throw error }
                throw error.with(reason: .remoteFailed, context: context, message: "no remote named '\(remote)'")
            }
            try push(local, to: remoteHandle, context: context)
            var target = pushed
            let tracking = "refs/remotes/\(remote)/\(local.name)"
            _ = ReferenceHandle(
                try created("pushed \(local.name) to \(remote), but cannot update \(tracking)") { out in
                    git_reference_create(out, handle.pointer, tracking, &target, 1, "berth: push")
                }, owner: handle)
        }
    }

    /// Collects the refs the remote refused; libgit2 reports them through a callback, not a return code.
    private final class PushReport {
        var rejected: [(reference: String, reason: String)] = []
    }

    private func push(_ branch: Branch, to remote: RemoteHandle, context: String) throws(GitError) {
        var options = git_push_options()
        try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), context)
        let report = PushReport()
        options.callbacks.push_update_reference = { reference, status, payload in
            // A NULL status means the remote accepted the update.
            guard let status, let payload else { return 0 }
            let report = Unmanaged<PushReport>.fromOpaque(payload).takeUnretainedValue()
            report.rejected.append(
                (reference.map { String(cString: $0) } ?? "", String(cString: status)))
            return 0
        }
        // No "+": libgit2 then refuses anything but a fast-forward before sending a byte.
        let refspec = "\(branch.reference):\(branch.reference)"
        do throws(GitError) {
            try withUnsafeMutablePointer(to: &options) { pointer throws(GitError) in
                pointer.pointee.callbacks.payload = Unmanaged.passUnretained(report).toOpaque()
                try withStringArray([refspec]) { refspecs throws(GitError) in
                    try check(git_remote_push(remote.pointer, refspecs, pointer), context)
                }
            }
        } catch {
            if error.code == GIT_ENONFASTFORWARD.rawValue {
                throw error.with(
                    reason: .pushRejected, context: context,
                    message: "\(branch.name) on the remote has commits this repository does not have; "
                        + "fetch, then try again")
            }
            throw error.with(reason: .remoteFailed, context: context)
        }
        if let first = report.rejected.first {
            throw GitError.berth(
                .pushRejected, context, "the remote refused \(first.reference): \(first.reason)")
        }
    }
}
