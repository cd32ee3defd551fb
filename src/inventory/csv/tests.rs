use super::*;

#[test]
fn decodes_utf8_bom_and_cp949() {
    let p = Path::new("x.csv");
    assert_eq!(decode(p, "\u{feff}모델".as_bytes()).unwrap(), "모델");
    assert_eq!(decode(p, "모델".as_bytes()).unwrap(), "모델");
    let (cp949, _, _) = encoding_rs::EUC_KR.encode("쏘나타,월평동");
    assert_eq!(decode(p, &cp949).unwrap(), "쏘나타,월평동");
}
