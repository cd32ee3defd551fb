use super::*;

#[test]
fn seals_opens_and_refuses_a_wrong_passphrase() {
    let (key, info) = TeamKey::create("우리 팀 비밀").unwrap();
    let sealed = key.seal(b"segment").unwrap();
    assert_eq!(key.open(&sealed).unwrap(), b"segment");
    let again = TeamKey::unlock("우리 팀 비밀", &info).unwrap().unwrap();
    assert_eq!(again.open(&sealed).unwrap(), b"segment");
    assert!(TeamKey::unlock("wrong", &info).unwrap().is_none());
    let mut tampered = sealed.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert!(key.open(&tampered).is_none());
}
