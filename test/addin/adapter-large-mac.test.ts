import { largeSuite } from "./large-suite";

largeSuite("mac");
