import { largeSuite } from "./large-suite";

largeSuite("windows");
