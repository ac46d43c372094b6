//! Record codes: no look-alike characters, and typed codes normalised.

use hamstring_triage::records::code::{new_code, normalise};

#[test]
fn codes_avoid_look_alike_characters() {
    for _ in 0..200 {
        let c = new_code();
        assert_eq!(c.len(), 7);
        assert_eq!(&c[3..4], "-");
        assert!(!c.contains(['0', 'O', '1', 'I']), "{c}");
        assert_eq!(normalise(&c).as_deref(), Some(c.as_str()));
    }
}

#[test]
fn typed_codes_are_normalised() {
    assert_eq!(normalise("k7m 4qx").as_deref(), Some("K7M-4QX"));
    assert_eq!(normalise("K7M4QX").as_deref(), Some("K7M-4QX"));
    assert_eq!(normalise("K7M-4Q0"), None);
    assert_eq!(normalise("K7M-4Q"), None);
    assert_eq!(normalise("../etc"), None);
}
