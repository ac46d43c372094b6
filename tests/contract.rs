//! The bank's vocabulary holds every key, value, default, diagnosis id and
//! urgency id of the shared contract, and the urgencies in the same order.

mod common;

use common::*;

#[test]
fn the_bank_vocabulary_holds_the_whole_contract() {
    let path = shared_dir().join("contract/findings.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let contract: toml::Table = toml::from_str(&text).unwrap();
    let bank = bank();
    let vocab = &bank.vocab;

    let findings = contract["finding"].as_table().unwrap();
    assert!(findings.len() >= 30, "the contract parsed oddly");
    for (key, def) in findings {
        let f = vocab
            .findings
            .get(key)
            .unwrap_or_else(|| panic!("finding {key} missing"));
        match &def["values"] {
            toml::Value::String(s) => {
                assert_eq!(s, "bool");
                assert!(f.is_bool, "{key} must be yes/no");
            }
            toml::Value::Array(vs) => {
                for v in vs {
                    let v = v.as_str().unwrap();
                    assert!(f.values.iter().any(|x| x == v), "{key} lacks value {v}");
                }
            }
            other => panic!("unexpected values {other:?}"),
        }
        let default = match &def["default"] {
            toml::Value::Boolean(b) => b.to_string(),
            v => v.as_str().unwrap().to_string(),
        };
        assert_eq!(
            f.values[f.default], default,
            "{key}: the default differs from the contract"
        );
    }
    for id in contract["diagnosis"].as_table().unwrap().keys() {
        assert!(vocab.diagnoses.contains_key(id), "diagnosis {id} missing");
        assert!(
            bank.diagnoses.iter().any(|d| &d.id == id),
            "diagnosis {id} has no content"
        );
    }
    let want: Vec<&String> = contract["urgency"].as_table().unwrap().keys().collect();
    let got: Vec<&String> = vocab.urgencies.iter().rev().map(|u| &u.id).collect();
    assert_eq!(
        got, want,
        "urgency levels or their order differ from the contract"
    );
}
