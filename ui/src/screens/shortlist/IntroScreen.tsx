// The introduction email after a handover: the same composer, no cars.
import { useTranslation } from "react-i18next";
import { DetailScreen } from "../../components/DetailScreen";
import { useCustomer } from "../../queries";
import { Composer } from "./Composer";

export function IntroScreen({ customerId, userId }: { customerId: string; userId: string }) {
  const { t } = useTranslation();
  const customer = useCustomer(customerId);
  return (
    <DetailScreen testId="compose-intro" dataAttrs={{ "data-customer-id": customerId }} backLabel={t("shortlist.backToCustomer")} query={customer}>
      {(c) => (
        <article className="detail">
          <header className="detail-head">
            <h1>{t("composer.introTitle")}</h1>
            <p className="muted">{c.name}</p>
          </header>
          <Composer customerId={c.id} vehicles={[]} shortlistId={null} introduceUserId={userId} />
        </article>
      )}
    </DetailScreen>
  );
}
