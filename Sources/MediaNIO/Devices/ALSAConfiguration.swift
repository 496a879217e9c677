// ALSA's global configuration plus definitions of our own, for one program (or one test).
import CALSA

/// ALSA's configuration as the system has it (alsa.conf, /etc/asound.conf, ~/.asoundrc), with
/// extra definitions from `text` merged on top, used for the devices opened with it (through
/// `snd_pcm_open_lconf`). Tests use it to define a `file` pcm over `null`; unlike setting
/// ALSA_CONFIG_PATH it touches no process-wide state, so tests can run in parallel.
///
/// `text` is ordinary asoundrc syntax, e.g.
/// `pcm.dialtone_test { type file slave.pcm "null" file "/tmp/out.raw" format "raw" }`.
/// Names already defined globally (`null`, `plug`, `default`) stay usable; a definition in
/// `text` with the same name is merged into the global one (prefix it with `!` to replace).
public final class ALSAConfiguration {
    /// The merged tree; owned by this object, read by snd_pcm_open_lconf.
    let tree: OpaquePointer

    public init(text: String) throws {
        ALSAPCMStream.quietErrors
        var global: OpaquePointer?
        let updated = snd_config_update_ref(&global)
        guard updated >= 0, let global else {
            throw AudioDeviceError(.invalidALSAConfiguration, subject: "",
                                   reason: "cannot load the system configuration (\(ALSAPCMStream.describe(updated)))")
        }
        var copy: OpaquePointer?
        let copied = snd_config_copy(&copy, global)
        snd_config_unref(global)
        guard copied >= 0, let copy else {
            throw AudioDeviceError(.invalidALSAConfiguration, subject: "",
                                   reason: "cannot copy the system configuration (\(ALSAPCMStream.describe(copied)))")
        }
        let loaded: Int32 = text.withCString { bytes in
            var input: OpaquePointer?
            let opened = snd_input_buffer_open(&input, bytes, -1)
            guard opened >= 0, let input else { return opened }
            defer { snd_input_close(input) }
            return snd_config_load(copy, input)
        }
        guard loaded >= 0 else {
            snd_config_delete(copy)
            throw AudioDeviceError(.invalidALSAConfiguration, subject: "",
                                   reason: "the text does not parse (\(ALSAPCMStream.describe(loaded)))")
        }
        tree = copy
    }

    deinit {
        snd_config_delete(tree)
    }
}
