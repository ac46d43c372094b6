//! Reference codes: short, random, and easy to read aloud (no 0/O or 1/I).

/// The letters and digits a code is made of: no 0, O, 1 or I.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A fresh random code such as `K7M-4QX`.
pub fn new_code() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        // No system randomness: fall back on the clock, still unique enough
        // for one terminal (the store refuses to overwrite in any case).
        let nanos = jiff::Timestamp::now().as_nanosecond();
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (nanos >> (i * 5)) as u8;
        }
    }
    let code: String = bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &code[..3], &code[3..])
}

/// A code as typed (any case, with or without the dash or spaces), in its
/// canonical form, or `None` if it cannot be a code.
pub fn normalise(input: &str) -> Option<String> {
    let raw: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = raw.len() == 6 && raw.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| format!("{}-{}", &raw[..3], &raw[3..]))
}
